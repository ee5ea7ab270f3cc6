import { ValidationError } from '../errors.js';
import type { AddResult, Usage } from '../spec/results.js';
import type { AddRequest, VerbatimTools } from './add-memories.js';
import {
  type ConversationTurn,
  computeTurnContexts,
  readConversationTail,
  saveConversationTail,
  splitTail,
} from './conversation-context.js';
import type { EngineContext } from './engine-context.js';
import type { OperationPlan } from './plan-operations.js';

/**
 * `infer: false`: every non-system message is stored verbatim. Its id is derived from the scope, the text and the
 * metadata, so a repeat is found by one exact fetch by id (consistent even on indexes that lag) and skipped as NONE;
 * the same text with other metadata is a distinct memory, so nothing is lost. Each memory keeps its neighbouring
 * turns as lexical context, across calls when the turns name their conversation (see `conversation-context.ts`).
 */
export async function addVerbatim(
  context: EngineContext,
  request: AddRequest,
  usage: Usage,
  key: string,
  { applyPlan, contentHash, verbatimId }: VerbatimTools,
): Promise<AddResult> {
  const messages = request.messages.filter((message) => message.role !== 'system');
  if (messages.length === 0) throw new ValidationError('messages', 'infer: false stores user/assistant/tool messages');
  const window = readContextWindow(request.options.contextWindow);
  const texts = messages.map((message) => (message.name ? `${message.name}: ${message.text}` : message.text));
  const metadataOf = messages.map((message) => ({ ...request.fields.metadata, ...message.metadata }));
  const ids = texts.map((text, index) => verbatimId(key, text, metadataOf[index]));
  // Earlier turns of the same conversation (stored by earlier calls) are fetched with the duplicate check.
  const tail = await readConversationTail(context, request.options, key, request.scope.runId !== undefined);
  const { earlier, retried } = splitTail(tail, ids);
  const fetched = await context.vectorStore.fetch(
    [...new Set([...ids, ...earlier.map((entry) => entry.id)])],
    request.scope,
  );
  const byId = new Map(fetched.flatMap((record) => (record ? [[record.id, record] as const] : [])));
  const turns: ConversationTurn[] = [];
  const creates = ids.map((id, index) => {
    const create = byId.get(id)?.status !== 'active' && !ids.slice(0, index).includes(id);
    turns.push({ id, text: texts[index]!, added: create || retried?.[index]?.added === true });
    return create;
  });
  const { contexts, patches } = computeTurnContexts(
    earlier.map((entry) => ({ record: byId.get(entry.id), added: entry.added })),
    turns,
    window,
  );
  const plan: OperationPlan = { events: [], changes: [] };
  turns.forEach((turn, index) => {
    if (!creates[index]) {
      const duplicate = byId.get(turn.id)?.status === 'active' ? byId.get(turn.id) : undefined;
      plan.events.push({
        event: 'NONE',
        ...(duplicate ? { id: turn.id, memory: duplicate.memory } : { memory: turn.text }),
        noneReason: 'duplicate',
        reason: duplicate ? 'already stored' : 'repeated within this call',
      });
      return;
    }
    plan.changes.push({
      kind: 'add',
      event: plan.events.length,
      text: turn.text,
      hash: contentHash(turn.text),
      id: turn.id,
      metadata: metadataOf[index]!,
      ...(contexts[index] === undefined ? {} : { context: contexts[index] }),
    });
    plan.events.push({ event: 'ADD', memory: turn.text });
  });
  if (patches.length > 0) plan.contextPatches = patches;
  if (tail) await saveConversationTail(context, tail, earlier, turns, window);
  await applyPlan(context, request, usage, key, plan, 'application');
  return { results: plan.events, warnings: request.warnings, usage };
}

function readContextWindow(value: unknown): [number, number] {
  if (value === undefined) return [2, 2];
  const valid = (item: unknown): item is number =>
    Number.isInteger(item) && (item as number) >= 0 && (item as number) <= 10;
  if (Array.isArray(value) && value.length === 2 && valid(value[0]) && valid(value[1])) return [value[0], value[1]];
  throw new ValidationError('add.contextWindow', 'must be [before, after], whole numbers from 0 to 10');
}
