import { ConfigurationError } from '../../errors.js';
import type { ExtractionInput, ExtractionOperation, ExtractionResult, Extractor } from '../../spec/extractor.js';
import type { NormalizedMessage } from '../../spec/messages.js';
import { candidateQuery } from './candidate-query.js';
import { calendarDay } from './dates.js';
import { type DecisionMemory, decideOperations } from './decide-operations.js';
import type { PatternContext, Statement } from './fact.js';
import { parseMemory, parseMessage } from './parse-memory.js';

/** Options of {@link createRuleExtractor}. */
export interface RuleExtractorOptions {
  /**
   * Roles whose messages are read as first-person statements about the user. Assistant text is never read: it
   * would attribute the assistant's words ("I love helping") to the user.
   * @default ['user']
   */
  roles?: NormalizedMessage['role'][];
  /**
   * IANA time zone of "today" when resolving relative dates ("tomorrow" is a calendar day somewhere), unless the
   * engine passes one (the config's or the call's `timeZone`).
   * @default 'UTC'
   */
  timeZone?: string;
}

/** The rule extractor, with the search hint the engine can use to find candidates. */
export interface RuleExtractor extends Extractor {
  readonly name: 'rules';
  /**
   * A text to search candidates with, in addition to the messages: the canonical facts the rules recognise in the
   * messages and the words shared by memories of the same attributes ("I moved to Berlin" -> "Lives in Berlin",
   * "Lives in"), so a memory that shares no word with the message ("Lives in Paris") is still found. Empty when
   * nothing is recognised.
   */
  candidateQuery(input: Pick<ExtractionInput, 'messages' | 'now' | 'timeZone'>): string;
}

const noUsage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };

/**
 * The offline extractor: deterministic rules, no model, no network, pure string work. It recognises common
 * first-person facts (name, home, work, likes and dislikes, diet and allergies, relationships, pets, birthday,
 * plans with resolved dates) and the third-person forms agents write ("User lives in Oslo"), writes them as short canonical sentences ("Lives in Berlin"), reads existing
 * memories back into facts and decides ADD / UPDATE / DELETE / NONE against them. What it does not understand
 * yields no operation. `prompt` and `customInstructions` do not apply to rules and are ignored.
 */
export function createRuleExtractor(options: RuleExtractorOptions = {}): RuleExtractor {
  const roles = new Set(options.roles ?? ['user']);
  const timeZone = options.timeZone ?? 'UTC';
  // Fail at construction, not on the first message, when the time zone is not one Intl knows.
  try {
    calendarDay(new Date(0), timeZone);
  } catch (error) {
    throw new ConfigurationError(
      `rules extractor: unknown timeZone "${timeZone}"; use an IANA name such as "UTC" or "Europe/Berlin"`,
      { cause: error },
    );
  }
  const read = (messages: NormalizedMessage[]): NormalizedMessage[] =>
    messages.filter((message) => roles.has(message.role));
  return {
    name: 'rules',
    candidateQuery(input) {
      const today = calendarDay(input.now, input.timeZone ?? timeZone);
      return candidateQuery(
        read(input.messages).map((message) => message.text),
        { today },
      );
    },
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      input.signal?.throwIfAborted();
      const messages = read(input.messages);
      if (input.memoryType === 'procedural_memory')
        return { operations: procedural(input.messages), usage: { ...noUsage } };
      const context: PatternContext = { today: calendarDay(input.now, input.timeZone ?? timeZone) };
      const statements: Statement[] = messages.flatMap((message) => parseMessage(message.text, context));
      if (statements.length === 0) return { operations: [], usage: { ...noUsage } };
      const memories = readMemories(input, context);
      return { operations: decideOperations(statements, memories), usage: { ...noUsage } };
    },
  };
}

/**
 * Reads the candidates. A model may write the user's name as the subject ("Alice lives in Paris"): names known to
 * be the user's (a `Name is` memory, or the `name` of the user's messages) are read like "User".
 */
function readMemories(input: ExtractionInput, context: PatternContext): DecisionMemory[] {
  const first = input.candidates.map((candidate) => ({
    alias: candidate.alias,
    ...parseMemory(candidate.text, context),
  }));
  const names = new Set<string>();
  for (const message of input.messages) if (message.role === 'user' && message.name) names.add(message.name);
  for (const memory of first) {
    for (const fact of memory.facts) if (fact.slot === 'name') names.add(fact.text.replace(/^Name is /, ''));
  }
  if (names.size === 0) return first;
  return input.candidates.map((candidate, index) =>
    first[index]!.facts.length > 0
      ? first[index]!
      : { alias: candidate.alias, ...parseMemory(candidate.text, context, [...names]) },
  );
}

/**
 * Rules cannot summarise a run, so a procedural memory is the run itself, one line per message, which keeps every
 * step the agent took and is honest about not being a summary.
 */
function procedural(messages: NormalizedMessage[]): ExtractionOperation[] {
  const lines = messages
    .filter((message) => message.text.trim().length > 0)
    .map((message) => `${message.name ?? message.role}: ${message.text.trim()}`);
  return lines.length > 0
    ? [{ event: 'ADD', text: lines.join('\n'), reason: 'Procedural memory stored verbatim: rules do not summarise' }]
    : [];
}
