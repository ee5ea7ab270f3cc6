import { readFileSync } from 'node:fs';

/** One turn of a LoCoMo conversation, ready to ingest. */
export interface LocomoTurn {
  diaId: string;
  speaker: string;
  /** The turn's text, with `[shares <caption>]` for shared images. */
  text: string;
  session: number;
  sessionDate?: string;
  /** `sessionDate` as ISO 8601 (read as UTC: LoCoMo gives no zone), when it parses. */
  sessionTime?: string;
}

export interface LocomoQuestion {
  question: string;
  category: number;
  /** Normalised evidence turn ids. */
  evidence: string[];
}

export interface LocomoSample {
  sampleId: string;
  turns: LocomoTurn[];
  questions: LocomoQuestion[];
}

/** Reads a LoCoMo file (the published `locomo10.json` format or a split of it). */
export function loadLocomo(path: string): LocomoSample[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${path}: expected a JSON list of LoCoMo samples`);
  return raw.map(parseSample);
}

function parseSample(sample: Record<string, unknown>): LocomoSample {
  const conversation = (sample.conversation ?? {}) as Record<string, unknown>;
  const turns: LocomoTurn[] = [];
  const sessions = Object.keys(conversation)
    .map((key) => /^session_(\d+)$/.exec(key)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((left, right) => left - right);
  for (const session of sessions) {
    const sessionDate = conversation[`session_${session}_date_time`];
    const sessionTime = typeof sessionDate === 'string' ? parseSessionDate(sessionDate) : undefined;
    for (const turn of (conversation[`session_${session}`] ?? []) as Array<Record<string, unknown>>) {
      const caption = typeof turn.blip_caption === 'string' ? ` [shares ${turn.blip_caption}]` : '';
      turns.push({
        diaId: String(turn.dia_id),
        speaker: String(turn.speaker),
        text: `${String(turn.text ?? '')}${caption}`.trim(),
        session,
        ...(typeof sessionDate === 'string' ? { sessionDate } : {}),
        ...(sessionTime ? { sessionTime } : {}),
      });
    }
  }
  const questions = ((sample.qa ?? []) as Array<Record<string, unknown>>).map((qa) => ({
    question: String(qa.question),
    category: Number(qa.category),
    evidence: normalizeEvidence(qa.evidence),
  }));
  return { sampleId: String(sample.sample_id), turns, questions };
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** LoCoMo's session dates (`1:56 pm on 8 May, 2023`) as ISO 8601, read as UTC; undefined when malformed. */
export function parseSessionDate(text: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2}) ?([ap]m) on (\d{1,2}) ([a-z]+),? (\d{4})$/i.exec(text.trim());
  if (!match) return undefined;
  const [, hour, minute, half, day, monthName, year] = match;
  const month = months.indexOf(monthName!.toLowerCase());
  if (month === -1) return undefined;
  const hours = (Number(hour) % 12) + (half!.toLowerCase() === 'pm' ? 12 : 0);
  return new Date(Date.UTC(Number(year), month, Number(day), hours, Number(minute))).toISOString();
}

/** Evidence ids are sometimes malformed (`D1:3; D2:4` in one string, `D:11:26`): split and repair them. */
export function normalizeEvidence(evidence: unknown): string[] {
  const ids: string[] = [];
  for (const item of Array.isArray(evidence) ? evidence : []) {
    for (const part of String(item).split(/[;,\s]+/)) {
      const match = /^D:?(\d+):(\d+)$/.exec(part.trim());
      if (match) ids.push(`D${match[1]}:${match[2]}`);
    }
  }
  return [...new Set(ids)];
}
