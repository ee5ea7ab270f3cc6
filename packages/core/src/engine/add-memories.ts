import { MemoryError, ModelCallError } from '../errors.js';
import { sha256Hex } from '../runtime/hash.js';
import type { HistoryActor } from '../spec/coordination-store.js';
import type { MemoryRecord, VectorEntry } from '../spec/memory-record.js';
import type { NormalizedMessage } from '../spec/messages.js';
import type { AddOptions } from '../spec/options.js';
import type { AddResult, Usage, Warning } from '../spec/results.js';
import type { Scope } from '../spec/scope.js';
import { embedTexts } from './embed.js';
import type { EngineContext } from './engine-context.js';
import { findCandidates } from './find-candidates.js';
import { canonicalJson, contentHash } from './normalize.js';
import { type OperationPlan, planOperations } from './plan-operations.js';
import { type NewRecordFields, newRecord } from './record-factory.js';
import { scopeKey } from './scope.js';
import { reconcilePending, writeMutation } from './write-mutation.js';

/** A validated `add` call. */
export interface AddRequest {
  messages: NormalizedMessage[];
  scope: Scope;
  fields: NewRecordFields;
  options: AddOptions;
  /** Zone of "today" for the extractor, when the call or the config names one. */
  timeZone?: string;
  warnings: Warning[];
}

/**
 * The write pipeline, under the scope's lock: complete pending writes, find candidates (one query embedding, then
 * one hybrid store query and the scope's recent writes in parallel; see `findCandidates`), ONE extraction step,
 * then one batched embedding and one outbox write for all changes.
 */
export async function addMemories(context: EngineContext, request: AddRequest, usage: Usage): Promise<AddResult> {
  const key = scopeKey(request.scope);
  const signal = request.options.signal;
  return context.coordination.withLock(key, async () => {
    // An aborted call writes nothing, even when a model or store ignores the signal: checked between steps.
    signal?.throwIfAborted();
    await reconcilePending(context, key, request.warnings, true);
    if (request.options.infer === false) {
      // Loaded on the first verbatim call: apps that only infer do not load conversation context (its own chunk).
      const { addVerbatim } = await import('./add-verbatim.js');
      return addVerbatim(context, request, usage, key, verbatimTools);
    }
    const now = context.clock();
    const candidates = await findCandidates(
      context,
      {
        messages: request.messages,
        scope: request.scope,
        conversationTime: conversationTime(request, now),
        ...optional('timeZone', request.timeZone),
        ...optional('signal', request.options.signal),
      },
      usage,
      now,
    );
    const aliases = new Map<number, MemoryRecord>(candidates.map((record, index) => [index + 1, record]));
    const extraction = await context.extractor
      .extract({
        messages: request.messages,
        candidates: [...aliases].map(([alias, record]) => ({ alias, text: record.memory })),
        memoryType: request.fields.memoryType,
        now: conversationTime(request, now),
        ...optional('timeZone', request.timeZone),
        ...optional('prompt', request.options.prompt ?? context.settings.customPrompt),
        ...optional('customInstructions', joinInstructions(context, request.options.customInstructions)),
        ...optional('decisionPrompt', context.settings.decisionPrompt),
        ...optional('signal', request.options.signal),
      })
      .catch((error: unknown) => {
        // Typed errors and aborts pass through; anything else (a bridged SDK's own error) becomes a ModelCallError.
        if (MemoryError.isInstance(error) || (error instanceof Error && error.name === 'AbortError')) throw error;
        throw new ModelCallError(context.extractor.name, 'the extraction call failed', {
          cause: error,
          isRetryable: true,
        });
      });
    signal?.throwIfAborted();
    usage.llmCalls += extraction.usage.llmCalls;
    usage.promptTokens += extraction.usage.promptTokens;
    usage.completionTokens += extraction.usage.completionTokens;
    if (extraction.repaired) {
      request.warnings.push({ code: 'model_output_repaired', message: 'the model output needed repair or a retry' });
    }
    const plan = planOperations(extraction.operations, aliases, request.warnings);
    const actor: HistoryActor = context.extractor.name === 'rules' ? 'rules' : 'model';
    await applyPlan(context, request, usage, key, plan, actor);
    return { results: plan.events, warnings: request.warnings, usage };
  });
}

/** Embeds a plan's new texts and writes its changes with their history in one outbox write. */
export async function applyPlan(
  context: EngineContext,
  request: AddRequest,
  usage: Usage,
  key: string,
  plan: OperationPlan,
  actor: HistoryActor,
): Promise<void> {
  if (plan.changes.length === 0 && !plan.contextPatches) return;
  const texts = plan.changes.flatMap((change) => (change.kind === 'invalidate' ? [] : [change.text]));
  const vectors = await embedTexts(context, usage, texts, 'document', request.options.signal);
  const upserts: VectorEntry[] = [];
  const patches: MemoryRecord[] = [...(plan.contextPatches ?? [])];
  const history: Parameters<typeof writeMutation>[1]['history'] = [];
  let vectorIndex = 0;
  for (const change of plan.changes) {
    const event = plan.events[change.event]!;
    const timestamp = context.clock().toISOString();
    if (change.kind === 'add') {
      const fields = change.metadata ? { ...request.fields, metadata: change.metadata } : request.fields;
      const record = newRecord(change.text, change.hash, fields, new Date(timestamp), change.id);
      if (change.context) record.context = change.context;
      upserts.push({ record, vector: vectors[vectorIndex++]! });
      history.push({
        memoryId: record.id,
        event: 'ADD',
        newMemory: record.memory,
        version: 1,
        actor,
        ...reasonOf(event),
      });
      Object.assign(event, { id: record.id, record });
    } else if (change.kind === 'update') {
      const record: MemoryRecord = {
        ...change.target,
        memory: change.text,
        hash: change.hash,
        metadata: { ...change.target.metadata, ...request.fields.metadata },
        version: change.target.version + 1,
        updatedAt: timestamp,
        ...(request.fields.expiresAt === undefined ? {} : { expiresAt: request.fields.expiresAt }),
        ...(request.fields.eventAt === undefined ? {} : { eventAt: request.fields.eventAt }),
      };
      upserts.push({ record, vector: vectors[vectorIndex++]! });
      history.push({
        memoryId: record.id,
        event: 'UPDATE',
        previousMemory: change.target.memory,
        newMemory: record.memory,
        version: record.version,
        actor,
        ...reasonOf(event),
      });
      event.record = record;
    } else {
      const record: MemoryRecord = {
        ...change.target,
        status: 'invalidated',
        invalidatedAt: timestamp,
        updatedAt: timestamp,
        version: change.target.version + 1,
      };
      patches.push(record);
      history.push({
        memoryId: record.id,
        event: 'INVALIDATE',
        previousMemory: change.target.memory,
        version: record.version,
        actor,
        ...reasonOf(event),
      });
      event.record = record;
    }
  }
  request.options.signal?.throwIfAborted();
  await writeMutation(context, { scopeKey: key, upserts, patches, history });
}

/**
 * What the verbatim path (`add-verbatim.ts`, loaded on demand) uses from the eager engine, passed in so that it
 * imports nothing the entry chunk holds (which would split those modules into a chunk of their own).
 */
export interface VerbatimTools {
  applyPlan: typeof applyPlan;
  contentHash: typeof contentHash;
  /** The id of a verbatim memory: derived from the scope key, the text and the metadata. */
  verbatimId(key: string, text: string, metadata: unknown): string;
}

const verbatimTools: VerbatimTools = {
  applyPlan,
  contentHash,
  verbatimId: (key, text, metadata) =>
    deterministicId(`${key}\u0000${contentHash(text)}\u0000${canonicalJson(metadata)}`),
};

/** A UUID-shaped id derived from a key (version 8, "custom"), stable across processes. */
function deterministicId(key: string): string {
  const hex = sha256Hex(key);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** "Today" for relative dates in the messages: when the conversation happened (`timestamp`), else now. */
function conversationTime(request: AddRequest, now: Date): Date {
  return request.fields.eventAt === undefined ? now : new Date(request.fields.eventAt);
}

function reasonOf(event: { reason?: string }): { reason?: string } {
  return event.reason === undefined ? {} : { reason: event.reason };
}

function joinInstructions(context: EngineContext, perCall: string | undefined): string | undefined {
  const parts = [context.settings.customInstructions, perCall].filter((part): part is string => Boolean(part));
  return parts.length === 0 ? undefined : parts.join('\n');
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
