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
 * string when there is nothing to say, so callers can skip injection.
 */
export function renderMemoryBlock(
  memories: ReadonlyArray<Pick<MemoryRecord, 'memory'>>,
  options: RenderMemoryBlockOptions = {},
): string {
  const heading = options.heading ?? 'Relevant memories about the user (most relevant first):';
  const maxCharacters = options.maxCharacters ?? 2000;
  const lines: string[] = [];
  let size = memoryBlockStart.length + memoryBlockEnd.length + heading.length + 2;
  for (const { memory } of memories) {
    const line = `- ${memory.replace(/\s+/g, ' ').trim()}`;
    if (size + line.length + 1 > maxCharacters) break;
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length === 0) return '';
  return [memoryBlockStart, heading, ...lines, memoryBlockEnd].join('\n');
}

/**
 * Puts `block` into `systemText`: replaces an existing marked block, or appends it after a blank line. An empty
 * block removes an existing one.
 */
export function injectMemoryBlock(systemText: string, block: string): string {
  const start = systemText.indexOf(memoryBlockStart);
  const end = systemText.indexOf(memoryBlockEnd, start);
  if (start !== -1 && end !== -1) {
    const before = systemText.slice(0, start).replace(/\s+$/, '');
    const after = systemText.slice(end + memoryBlockEnd.length).replace(/^\s+/, '');
    return [before, block, after].filter((part) => part.length > 0).join('\n\n');
  }
  if (block.length === 0) return systemText;
  return systemText.trim().length === 0 ? block : `${systemText.replace(/\s+$/, '')}\n\n${block}`;
}

/** `systemText` without any memory block. */
export function stripMemoryBlock(systemText: string): string {
  return injectMemoryBlock(systemText, '');
}
