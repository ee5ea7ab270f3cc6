import { calendarDate } from '../spec/date-input.js';
import type { ExtractionInput } from '../spec/extractor.js';
import type { NormalizedMessage } from '../spec/messages.js';

/**
 * What to extract. Replaced by a custom `prompt`; the decision rules and the output format below always follow,
 * because the engine depends on them.
 */
export const factInstructions = `You maintain long-term memory about the people in a conversation. Extract the facts from the New messages that are worth remembering in later conversations: identity, preferences, relationships, plans, events, work, health, possessions, goals.
- One fact per item, self-contained and specific. Name the person: the speaker's name if given, else "User". Keep names, numbers, places and quantities exactly.
- Resolve relative dates ("tomorrow", "last week") to absolute dates using Today.
- Attribute each fact to the person it is about. From assistant messages keep only what the user accepted or asked for (a recommendation they chose, a plan they agreed to); never store assistant echoes, questions, greetings or small talk.
- Record a change as the new state, noting the old one ("User moved from Paris to Berlin").
- Only what is stated: do not infer. Write in the language of the messages.`;

/** How facts relate to the existing memories. Always sent (also with a custom prompt). */
export const decisionInstructions = `For each fact, decide against Existing memories (shown as [id] text):
- ADD: new information.
- UPDATE id: the fact changes or enriches memory id; text is the full new memory.
- DELETE id: the messages say memory id is no longer true and give no replacement.
- NONE id: memory id already says this.
List only facts from the New messages, not untouched memories. Use only ids listed in Existing memories. Nothing worth remembering: return an empty list.`;

/** The compact answer format. */
export const outputFormat = `Answer with JSON only:
{"memories":[{"op":"ADD|UPDATE|DELETE|NONE","id":<id; not for ADD>,"text":"<fact; ADD/UPDATE only>","reason":"<few words; not for ADD>"}]}
Example (Today: 2026-03-02 (Monday); [1] User lives in Paris; user: "I moved to Berlin. My sister Ana visits on Friday!"):
{"memories":[{"op":"UPDATE","id":1,"text":"User moved from Paris to Berlin","reason":"moved"},{"op":"ADD","text":"User's sister Ana visits User on 2026-03-06"}]}`;

/** Procedural memory: one reusable summary of an agent's run instead of facts. */
export const proceduralInstructions = `Summarise the agent's run in the New messages as one procedural memory that lets the agent resume or repeat the task: the goal, the current progress, then numbered steps with each action, its key result (keep exact values, ids, paths, URLs and errors) and what remains to do.`;

const proceduralFormat = `Answer with JSON only:
{"memories":[{"op":"ADD","text":"<the summary>"}]}`;

/** The two parts of the extraction request: `system` is static (cacheable) unless a custom prompt is set. */
export interface ExtractionPrompt {
  system: string;
  prompt: string;
}

/** Builds the one extraction request: static instructions first, then the per-call data. */
export function buildExtractionPrompt(input: ExtractionInput): ExtractionPrompt {
  const procedural = input.memoryType === 'procedural_memory';
  const parts = procedural
    ? [input.prompt ?? proceduralInstructions, proceduralFormat]
    : [input.prompt ?? factInstructions, input.decisionPrompt ?? decisionInstructions, outputFormat];
  if (input.customInstructions !== undefined && input.customInstructions.trim() !== '') {
    parts.push(`Additional instructions (they take priority):\n${input.customInstructions.trim()}`);
  }
  const lines = [`Today: ${formatDay(input.now, input.timeZone ?? 'UTC')}`];
  if (!procedural) {
    lines.push('Existing memories:');
    if (input.candidates.length === 0) lines.push('(none)');
    for (const candidate of input.candidates) lines.push(`[${candidate.alias}] ${oneLine(candidate.text)}`);
  }
  lines.push('New messages:');
  for (const message of input.messages) {
    // An agent's system prompt is no fact about anyone, and often long; a procedural summary may need it.
    if (message.role === 'system' && !procedural) continue;
    lines.push(`${speaker(message)}: ${message.text}`);
  }
  return { system: parts.join('\n\n'), prompt: lines.join('\n') };
}

/** Token estimate of the extraction request (characters / 4, the usual rule of thumb for English text). */
export interface PromptTokenEstimate {
  /** The static instructions (the `system` message). */
  fixed: number;
  /** The per-call part: date, candidates, messages. */
  variable: number;
  total: number;
}

/** Estimates the prompt tokens one extraction call sends, for the benchmark and for budgeting. */
export function estimateExtractionPromptTokens(input: ExtractionInput): PromptTokenEstimate {
  const { system, prompt } = buildExtractionPrompt(input);
  const fixed = estimateTokens(system);
  const variable = estimateTokens(prompt);
  return { fixed, variable, total: fixed + variable };
}

/** Characters / 4, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function speaker(message: NormalizedMessage): string {
  return message.name === undefined ? message.role : `${message.role} (${oneLine(message.name)})`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The calendar day of `now` where the user is, e.g. `2026-12-01 (Tuesday)`. */
function formatDay(now: Date, timeZone: string): string {
  const weekday = now.toLocaleDateString('en-US', { weekday: 'long', timeZone });
  return `${calendarDate(now.getTime(), timeZone)} (${weekday})`;
}
