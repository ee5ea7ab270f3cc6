import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLocomo, normalizeEvidence, parseSessionDate } from '../../bench/locomo.js';
import { measureLocomoRecall } from '../../bench/locomo-recall.js';

// A tiny conversation in LoCoMo's published format, written for this test (the real data set is not committed).
const fixture = [
  {
    sample_id: 'conv-test',
    conversation: {
      speaker_a: 'Ana',
      speaker_b: 'Ben',
      session_1_date_time: '1:56 pm on 8 May, 2023',
      session_1: [
        { speaker: 'Ana', dia_id: 'D1:1', text: 'I adopted a kitten last week.' },
        { speaker: 'Ben', dia_id: 'D1:2', text: 'What did you name her?' },
        { speaker: 'Ana', dia_id: 'D1:3', text: 'Pixel!', img_url: ['x'], blip_caption: 'a photo of a grey kitten' },
      ],
      session_2_date_time: '2:00 pm on 9 May, 2023',
      session_2: [
        { speaker: 'Ben', dia_id: 'D2:1', text: 'I ran a marathon in Lisbon on Sunday.' },
        { speaker: 'Ana', dia_id: 'D2:2', text: 'Congratulations on finishing!' },
      ],
      session_3_date_time: '3:00 pm on 10 May, 2023',
    },
    qa: [
      { question: 'Where did Ben run a marathon?', answer: 'Lisbon', evidence: ['D2:1'], category: 4 },
      { question: "What is the name of Ana's kitten?", answer: 'Pixel', evidence: ['D1:3; D1:1'], category: 1 },
      { question: 'What did Ana eat?', adversarial_answer: 'pasta', evidence: ['D:2:2'], category: 5 },
      { question: 'No evidence', answer: 2022, evidence: [], category: 2 },
    ],
  },
];

describe('LoCoMo loader and recall', () => {
  const directory = mkdtempSync(join(tmpdir(), 'memzero-locomo-'));
  const path = join(directory, 'locomo.json');
  writeFileSync(path, JSON.stringify(fixture));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads sessions in order, adds image captions and normalises malformed evidence ids', () => {
    const [sample] = loadLocomo(path);
    expect(sample!.turns.map((turn) => turn.diaId)).toEqual(['D1:1', 'D1:2', 'D1:3', 'D2:1', 'D2:2']);
    expect(sample!.turns[2]!.text).toBe('Pixel! [shares a photo of a grey kitten]');
    expect(sample!.questions[1]!.evidence).toEqual(['D1:3', 'D1:1']);
    expect(sample!.questions[2]!.evidence).toEqual(['D2:2']);
    expect(normalizeEvidence(['D10:4', 'bogus', 'D:3:7'])).toEqual(['D10:4', 'D3:7']);
    expect(sample!.turns[0]!.sessionTime).toBe('2023-05-08T13:56:00.000Z');
    expect(parseSessionDate('12:05 am on 1 January, 2024')).toBe('2024-01-01T00:05:00.000Z');
    expect(parseSessionDate('yesterday')).toBeUndefined();
  });

  it('measures recall through the engine, per category and over categories 1-4', async () => {
    const rows = await measureLocomoRecall(loadLocomo(path));
    const single = rows.find((row) => row.label.startsWith('cat 4'))!;
    expect(single.questions).toBe(1);
    expect(single.recall[5]).toBe(100);
    const overall = rows.at(-1)!;
    expect(overall.questions).toBe(2);
    expect(overall.recall[20]).toBe(100);
  });

  it('stores one turn per add under the per-turn protocol, with the same recall as one add per session', async () => {
    const samples = loadLocomo(path);
    const perTurn = await measureLocomoRecall(samples, {}, undefined, 'turn');
    expect(perTurn).toEqual(await measureLocomoRecall(samples, {}, undefined, 'session'));
  });
});
