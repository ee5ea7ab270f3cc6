/** Why no JSON value could be read from a model's answer. */
export type JsonExtractionProblem = 'empty' | 'no_json' | 'invalid_json' | 'truncated';

export type JsonExtraction =
  | {
      ok: true;
      value: unknown;
      /** The answer was not bare JSON: fences, prose, think blocks or trailing text were removed. */
      cleaned: boolean;
      /** A cut-off answer was closed after its last complete array element. */
      truncationRepaired: boolean;
    }
  | { ok: false; problem: JsonExtractionProblem };

const thinkBlock = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const unclosedThink = /<(think|thinking|reasoning)>[\s\S]*$/i;
const fence = /```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/g;
/** Bounds the work spent on answers full of stray braces. */
const maxStarts = 20;

/**
 * Reads the JSON value out of a model's answer: bare JSON, a ```json fence, JSON after leading prose or before
 * trailing text, after `<think>` blocks. A value cut off mid-array is repaired only by dropping the incomplete
 * last element of the outermost array, never by guessing field values, so nothing the model did not finish is kept.
 */
export function extractJson(text: string): JsonExtraction {
  const withoutThinking = text.replace(thinkBlock, '').replace(unclosedThink, '');
  const trimmed = withoutThinking.trim();
  if (trimmed === '') return { ok: false, problem: text.trim() === '' ? 'empty' : 'truncated' };
  const direct = tryParse(trimmed);
  if (direct.ok) return { ok: true, value: direct.value, cleaned: trimmed !== text.trim(), truncationRepaired: false };

  const sources = [...trimmed.matchAll(fence)].map((match) => match[1] ?? '').filter((body) => /[[{]/.test(body));
  sources.push(trimmed);
  let truncatedStart: string | undefined;
  let sawJsonStart = false;
  for (const source of sources) {
    let starts = 0;
    for (let index = firstStart(source, 0); index !== -1 && starts < maxStarts; index = firstStart(source, index + 1)) {
      starts++;
      sawJsonStart = true;
      const end = scanValue(source, index);
      if (end === -1) {
        truncatedStart ??= source.slice(index);
        break;
      }
      const parsed = tryParse(source.slice(index, end));
      if (parsed.ok) return { ok: true, value: parsed.value, cleaned: true, truncationRepaired: false };
    }
  }
  if (truncatedStart !== undefined) {
    const repaired = repairTruncated(truncatedStart);
    if (repaired !== undefined) return { ok: true, value: repaired, cleaned: true, truncationRepaired: true };
    return { ok: false, problem: 'truncated' };
  }
  return { ok: false, problem: sawJsonStart ? 'invalid_json' : 'no_json' };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function firstStart(text: string, from: number): number {
  const brace = text.indexOf('{', from);
  const bracket = text.indexOf('[', from);
  if (brace === -1) return bracket;
  if (bracket === -1) return brace;
  return Math.min(brace, bracket);
}

/** Index just after the balanced JSON value starting at `start`, or -1 when the text ends first. */
function scanValue(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * Closes a cut-off value after the last complete element of its outermost array, e.g.
 * `{"memories":[{…},{"op":"AD` becomes `{"memories":[{…}]}`. Returns undefined when no complete element exists.
 */
function repairTruncated(text: string): unknown {
  const stack: string[] = [];
  let inString = false;
  let cut: { at: number; closers: string } | undefined;
  const atOutermostArray = (): boolean => stack.at(-1) === '[' && stack.indexOf('[') === stack.length - 1;
  const remember = (at: number): void => {
    cut = {
      at,
      closers: stack
        .map((open) => (open === '{' ? '}' : ']'))
        .reverse()
        .join(''),
    };
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{' || character === '[') stack.push(character);
    else if (character === '}' || character === ']') {
      stack.pop();
      if (atOutermostArray()) remember(index + 1);
    } else if (character === ',' && atOutermostArray()) remember(index);
  }
  if (cut === undefined) return undefined;
  const parsed = tryParse(text.slice(0, cut.at) + cut.closers);
  return parsed.ok ? parsed.value : undefined;
}
