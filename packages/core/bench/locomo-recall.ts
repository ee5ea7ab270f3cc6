import { Memory } from '../src/engine/memory.js';
import type { MemoryConfig } from '../src/engine/memory-config.js';
import type { LocomoSample } from './locomo.js';

export interface RecallRow {
  label: string;
  questions: number;
  /** Recall in percent at each k. */
  recall: Record<number, number>;
}

const ks = [5, 10, 20];
const categoryNames: Record<number, string> = {
  1: 'cat 1 multi-hop',
  2: 'cat 2 temporal',
  3: 'cat 3 open-domain',
  4: 'cat 4 single-hop',
  5: 'cat 5 adversarial',
};

/**
 * How turns go in: `session` stores a whole session in one `add`; `turn` stores each turn in its own `add`, as an
 * application does when it stores a turn as it happens, naming the session as its `conversationId`. Both pass the
 * session's date as the `timestamp`.
 */
export type IngestionProtocol = 'session' | 'turn';

/**
 * LoCoMo retrieval recall with no model: every turn goes in through the engine's own `add` with `infer: false` (each
 * turn's `dia_id` in its metadata), every question through the engine's own `search`; R@k is the share of a
 * question's evidence turns among the top k results.
 */
export async function measureLocomoRecall(
  samples: LocomoSample[],
  config: MemoryConfig = {},
  contextWindow?: [number, number],
  protocol: IngestionProtocol = 'session',
): Promise<RecallRow[]> {
  const perCategory = new Map<number, { count: number; sums: Record<number, number> }>();
  for (const sample of samples) {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' }, ...config });
    // Each turn becomes a verbatim memory with its dia_id in its own metadata and its neighbouring turns of the
    // session as lexical context.
    const sessions = new Map<number, typeof sample.turns>();
    for (const turn of sample.turns) {
      if (turn.text.length > 0) sessions.set(turn.session, [...(sessions.get(turn.session) ?? []), turn]);
    }
    for (const turns of sessions.values()) {
      const session = turns[0]!.session;
      const calls = protocol === 'session' ? [turns] : turns.map((turn) => [turn]);
      for (const call of calls) {
        await memory.add(
          call.map((turn) => ({
            role: 'user' as const,
            content: turn.text,
            name: turn.speaker,
            metadata: { diaId: turn.diaId },
          })),
          {
            userId: sample.sampleId,
            infer: false,
            metadata: { session },
            ...(call[0]!.sessionTime ? { timestamp: call[0]!.sessionTime } : {}),
            ...(protocol === 'turn' ? { conversationId: `session-${session}` } : {}),
            ...(contextWindow ? { contextWindow } : {}),
          },
        );
      }
    }
    for (const question of sample.questions) {
      if (question.evidence.length === 0) continue;
      const { results } = await memory.search(question.question, { userId: sample.sampleId, limit: Math.max(...ks) });
      const ranked = results.map((hit) => String(hit.metadata.diaId));
      const bucket = perCategory.get(question.category) ?? { count: 0, sums: {} };
      bucket.count += 1;
      for (const k of ks) {
        const top = new Set(ranked.slice(0, k));
        const found = question.evidence.filter((id) => top.has(id)).length;
        bucket.sums[k] = (bucket.sums[k] ?? 0) + found / question.evidence.length;
      }
      perCategory.set(question.category, bucket);
    }
    await memory.close();
  }
  const rows: RecallRow[] = [...perCategory.keys()]
    .sort()
    .map((category) => row(categoryNames[category] ?? `cat ${category}`, [perCategory.get(category)!]));
  rows.push(
    row(
      '**cats 1–4**',
      [1, 2, 3, 4].flatMap((category) => perCategory.get(category) ?? []),
    ),
  );
  return rows;
}

function row(label: string, buckets: Array<{ count: number; sums: Record<number, number> }>): RecallRow {
  const questions = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const recall: Record<number, number> = {};
  for (const k of ks) {
    recall[k] =
      questions === 0 ? 0 : (100 * buckets.reduce((sum, bucket) => sum + (bucket.sums[k] ?? 0), 0)) / questions;
  }
  return { label, questions, recall };
}
