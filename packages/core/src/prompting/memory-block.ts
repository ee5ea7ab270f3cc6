import type { MemoryRecord } from '../spec/memory-record.js';

/** Markers around the memory block injected into a system prompt, so later steps replace it instead of stacking. */
export const memoryBlockStart = '<memzero-memories>';
export const memoryBlockEnd = '</memzero-memories>';

export interface RenderMemoryBlockOptions {
  /** Heading line inside the block. @default 'Relevant memories about the user (most relevant first):' */
  heading?: string;
  /** Cap on the block's size; lower-ranked memories are dropped first. @default 2000 */
  maxCharacters?: number;
}

/**
 * Renders memories as a marked block for a system prompt, most relevant first, capped in size. Returns an empty
 * string when there is nothing to say, so callers can skip injection. Stored text can never open or close the
 * block: anything in a memory or the heading that a model or `stripMemoryBlock` could read as a marker
 * (`<memzero-memories>`, `</MEMZERO-MEMORIES >`, ...) has its angle brackets escaped as `&lt;` / `&gt;`.
 */
export function renderMemoryBlock(
  memories: ReadonlyArray<Pick<MemoryRecord, 'memory'>>,
  options: RenderMemoryBlockOptions = {},
): string {
  const heading = escapeMarkers(oneLine(options.heading ?? 'Relevant memories about the user (most relevant first):'));
  const maxCharacters = options.maxCharacters ?? 2000;
  const lines: string[] = [];
  let size = memoryBlockStart.length + memoryBlockEnd.length + heading.length + 2;
  for (const { memory } of memories) {
    const line = `- ${escapeMarkers(oneLine(memory))}`;
    if (size + line.length + 1 > maxCharacters) break;
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length === 0) return '';
  return [memoryBlockStart, heading, ...lines, memoryBlockEnd].join('\n');
}

/** Anything that reads like a block marker, whatever its case and spacing. */
const markerLike = /<(\s*\/?\s*memzero-memories\b[^>]*)>?/gi;

/** Escapes marker-like text so it can sit inside a block without opening or closing one. */
export function escapeMarkers(text: string): string {
  return text.replace(markerLike, (_match, inner: string) => `&lt;${inner.replace(/>/g, '&gt;')}&gt;`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const separator = '\n\n';

/**
 * Puts `block` into `systemText`: replaces an existing marked block in place, or appends it after a blank line.
 * An empty block removes an existing one. The round trip is exact: `stripMemoryBlock(injectMemoryBlock(text, block))`
 * is `text` for any text without a block of its own, whitespace included.
 */
export function injectMemoryBlock(systemText: string, block: string): string {
  const found = findBlock(systemText);
  if (found) {
    const before = systemText.slice(0, found.start);
    const after = systemText.slice(found.end);
    if (block.length > 0) return `${before}${block}${after}`;
    // Removing: also remove the separator this function added in front of the block.
    if (before.endsWith(separator)) return `${before.slice(0, -separator.length)}${after}`;
    return `${before}${after}`;
  }
  if (block.length === 0) return systemText;
  return systemText.length === 0 ? block : `${systemText}${separator}${block}`;
}

/** `systemText` without the memory block: exactly the text the block was injected into. */
export function stripMemoryBlock(systemText: string): string {
  return injectMemoryBlock(systemText, '');
}

/** Where the block is: from its start marker to the end of the first end marker after it. */
function findBlock(text: string): { start: number; end: number } | undefined {
  const start = text.indexOf(memoryBlockStart);
  if (start === -1) return undefined;
  const end = text.indexOf(memoryBlockEnd, start + memoryBlockStart.length);
  if (end === -1) return undefined;
  return { start, end: end + memoryBlockEnd.length };
}

/** Whether `text` holds a memory block (for adapters that must find the message or part carrying it). */
export function hasMemoryBlock(text: string): boolean {
  return findBlock(text) !== undefined;
}
