import { ValidationError } from '../errors.js';
import { isMetadataKey } from '../spec/filter.js';
import type { Message, NormalizedMessage } from '../spec/messages.js';
import type { Warning } from '../spec/results.js';
import { isTimeZone } from '../spec/time-zone.js';

/**
 * Texts (messages, memories, queries) are normalised to Unicode NFC on the way in: canonical equivalents such as
 * "Zoë" typed precomposed or with a combining accent become the same string, so they embed, hash and score the
 * same, while nothing visible changes. NFKC, which also folds compatibility forms ("x²" to "x2", full-width to
 * ASCII), would alter what people wrote, so it is used only where matching is the point: the dedup hash and the
 * lexical analyser (`tokenize`).
 */

/** Input limits. Large inputs are refused rather than silently cut, so nothing is lost unnoticed. */
export const inputLimits = {
  messages: 200,
  messageCharacters: 32_000,
  totalCharacters: 200_000,
  queryCharacters: 8_000,
  metadataBytes: 16_000,
  idLength: 256,
  memoryCharacters: 8_000,
  pageSize: 1_000,
};

/** Roles as OpenAI, Mem0 and the AI SDK write them; `developer` is OpenAI's newer name for `system`. */
const roles: ReadonlyMap<string, Message['role']> = new Map([
  ['user', 'user'],
  ['assistant', 'assistant'],
  ['system', 'system'],
  ['developer', 'system'],
  ['tool', 'tool'],
  ['function', 'tool'],
]);
/** Parts that carry no statement by a person: tool calls and results, model reasoning, refusals. Skipped. */
const skippedParts: ReadonlySet<string> = new Set([
  'tool-call',
  'tool_call',
  'tool_use',
  'function_call',
  'tool-result',
  'tool_result',
  'function_call_output',
  'tool-approval-request',
  'tool-approval-response',
  'reasoning',
  'thinking',
  'redacted_thinking',
  'refusal',
]);
const textParts: ReadonlySet<string> = new Set(['text', 'input_text', 'output_text']);

/** How `normalizeMessages` treats tool messages. */
export interface NormalizeOptions {
  /** Keep `tool` (and legacy `function`) messages. @default false: tool output is no statement by the user */
  includeToolResults?: boolean;
}

/**
 * Validates `add` input: a string, a message or a list of messages, with text parts. Images are noted, not kept.
 * Chat-API turns are accepted as they come: an assistant message with `content: null` and `tool_calls`, tool-call
 * and reasoning parts, and `tool` messages are skipped (tool messages are kept with `includeToolResults`), so a
 * turn that used tools still stores what the user said.
 */
export function normalizeMessages(
  input: unknown,
  warnings: Warning[],
  options: NormalizeOptions = {},
): NormalizedMessage[] {
  const list: unknown[] =
    typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [input];
  if (list.length === 0) throw new ValidationError('messages', 'pass a string or at least one message');
  if (list.length > inputLimits.messages) {
    throw new ValidationError('messages', `at most ${inputLimits.messages} messages per call; split the conversation`);
  }
  let total = 0;
  const messages = list.map((item, index): NormalizedMessage => {
    const path = `messages[${index}]`;
    if (typeof item !== 'object' || item === null) throw new ValidationError(path, 'expected { role, content }');
    const { content, name, metadata } = item as Partial<Message>;
    const role = roles.get(String((item as { role?: unknown }).role));
    if (role === undefined) throw new ValidationError(`${path}.role`, 'must be user, assistant, system or tool');
    const skipped = role === 'tool' && options.includeToolResults !== true;
    const text = skipped ? '' : contentText(content, `${path}.content`, warnings).normalize('NFC').trim();
    if (text.length > inputLimits.messageCharacters) {
      throw new ValidationError(`${path}.content`, `at most ${inputLimits.messageCharacters} characters per message`);
    }
    total += text.length;
    const message: NormalizedMessage = { role, text };
    if (typeof name === 'string' && name.trim().length > 0) message.name = name.trim().slice(0, 100);
    if (metadata !== undefined) message.metadata = validateMetadata(metadata, `${path}.metadata`);
    return message;
  });
  if (total > inputLimits.totalCharacters) {
    throw new ValidationError('messages', `at most ${inputLimits.totalCharacters} characters per call`);
  }
  const withText = messages.filter((message) => message.text.length > 0);
  if (withText.length === 0) {
    throw new ValidationError(
      'messages',
      'no message has text (tool calls, tool results and empty content are skipped)',
    );
  }
  return withText;
}

function contentText(content: unknown, path: string, warnings: Warning[]): string {
  if (typeof content === 'string') return content;
  // `content: null` is how the chat APIs write an assistant message that only calls tools.
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) throw new ValidationError(path, 'must be a string, null or a list of parts');
  const texts: string[] = [];
  for (const part of content) {
    const type = typeof part === 'object' && part !== null ? (part as { type?: unknown }).type : undefined;
    if (typeof type === 'string' && textParts.has(type) && typeof (part as { text?: unknown }).text === 'string') {
      texts.push((part as { text: string }).text);
    } else if (type === 'image_url' || type === 'image' || type === 'file') {
      warnings.push({ code: 'image_ignored', message: 'image parts are not described without a vision model' });
    } else if (typeof type !== 'string' || !skippedParts.has(type)) {
      throw new ValidationError(path, 'parts must be { type: "text", text }, image, tool-call or reasoning parts');
    }
  }
  return texts.join('\n');
}

/** Validates application metadata: a plain JSON object whose keys pass `isMetadataKey`, of bounded size. */
export function validateMetadata(metadata: unknown, path = 'metadata'): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw new ValidationError(path, 'must be an object');
  for (const key of Object.keys(metadata)) {
    if (!isMetadataKey(key)) {
      throw new ValidationError(
        `${path}.${key.slice(0, 40)}`,
        'keys must be letters, digits, _ or - (starting with a letter or _), and not an inherited name such as constructor',
      );
    }
  }
  let serialized: string;
  try {
    serialized = JSON.stringify(metadata);
  } catch {
    throw new ValidationError(path, 'must be JSON-serialisable');
  }
  if (serialized.length > inputLimits.metadataBytes) {
    throw new ValidationError(path, `at most ${inputLimits.metadataBytes} bytes as JSON`);
  }
  return JSON.parse(serialized) as Record<string, unknown>;
}

/** Validates a memory id. */
export function validateId(id: unknown, path = 'id'): string {
  if (typeof id !== 'string' || id.trim().length === 0) throw new ValidationError(path, 'must be a non-empty string');
  if (id.length > inputLimits.idLength) throw new ValidationError(path, `at most ${inputLimits.idLength} characters`);
  if (/\p{Cs}/u.test(id)) throw new ValidationError(path, 'must be well-formed Unicode (no lone surrogate)');
  return id.trim();
}

/** Validates a memory text written by the application. */
export function validateMemoryText(text: unknown, path: string): string {
  if (typeof text !== 'string' || text.trim().length === 0)
    throw new ValidationError(path, 'must be a non-empty string');
  if (text.length > inputLimits.memoryCharacters) {
    throw new ValidationError(path, `at most ${inputLimits.memoryCharacters} characters`);
  }
  return text.normalize('NFC').trim();
}

/** Validates a whole number within bounds, or returns the fallback when absent. */
export function validateInteger(value: unknown, path: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(path, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Validates a number within bounds, or returns the fallback when absent. */
export function validateNumber(value: unknown, path: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new ValidationError(path, `must be a number from ${min} to ${max}`);
  }
  return value;
}

/**
 * Validates a date given as a Date or an ISO 8601 string, read as `parseDateInput` says (a date-time without offset
 * and a bare date are in `timeZone`); returns ISO 8601 in UTC. A bare date stands for its whole day: `edge: 'end'`
 * gives the next day's start (for expiration dates: visible through that day), `'start'` the day's start. The date
 * parser is loaded by the first string date (its own chunk in a code-split bundle).
 */
export async function validateDate(
  value: unknown,
  path: string,
  timeZone: string,
  edge: 'start' | 'end' = 'start',
): Promise<string | undefined> {
  if (value === undefined || value === null) return undefined;
  let time = Number.NaN;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string' && value.length <= 64) {
    const { parseDateInput } = await import('../spec/date-input.js');
    const parsed = parseDateInput(value, timeZone);
    if (parsed) time = parsed.kind === 'instant' ? parsed.time : edge === 'end' ? parsed.end : parsed.start;
  }
  if (!Number.isFinite(time)) {
    throw new ValidationError(
      path,
      'must be a Date or an ISO 8601 date (2026-12-01) or date-time (2026-12-01T13:00, with Z or an offset unless meant in the configured timeZone)',
    );
  }
  return new Date(time).toISOString();
}

/**
 * Validates `add`'s `timestamp`: a Date, an ISO 8601 string (see {@link validateDate}; a bare date is its start), or
 * Unix seconds as Mem0's platform takes them. Numbers of 1e11 and more (year 5138 in seconds) are milliseconds by
 * mistake and refused rather than guessed. Returns ISO 8601.
 */
export async function validateTimestamp(value: unknown, timeZone: string): Promise<string | undefined> {
  if (typeof value !== 'number') return validateDate(value, 'add.timestamp', timeZone, 'start');
  if (!Number.isFinite(value) || value < 0 || value >= 1e11) {
    throw new ValidationError(
      'add.timestamp',
      'a number is Unix seconds, from 0 to 1e11 (for milliseconds, divide by 1000 or pass a Date)',
    );
  }
  return new Date(Math.round(value * 1000)).toISOString();
}

/** The time zone of a call: its own `timeZone` option, else the configured one (checked by `checkConfig`), else UTC. */
export function resolveTimeZone(perCall: unknown, configured: string | undefined, path: string): string {
  if (perCall === undefined) return configured ?? 'UTC';
  if (!isTimeZone(perCall)) throw new ValidationError(path, 'must be an IANA time zone name such as "Europe/Berlin"');
  return perCall;
}

/** Validates a search query. */
export function validateQuery(query: unknown): string {
  if (typeof query !== 'string' || query.trim().length === 0) {
    throw new ValidationError('query', 'must be a non-empty string');
  }
  if (query.length > inputLimits.queryCharacters) {
    throw new ValidationError('query', `at most ${inputLimits.queryCharacters} characters`);
  }
  return query.normalize('NFC').trim();
}

/** Validates `add`'s `conversationId` (1 to 256 characters, kept as given). */
export function readConversationId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new ValidationError('add.conversationId', 'must be a string of 1 to 256 characters');
  }
  return value;
}
