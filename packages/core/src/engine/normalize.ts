import { md5Hex } from '../runtime/hash.js';

/** Lower-cased, whitespace-folded, trailing punctuation removed: what counts as "the same memory". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?,;:]+$/u, '')
    .trim();
}

/** The dedup hash of a memory text (md5 of the normalised text, as Mem0 does). */
export function contentHash(text: string, extra?: string): string {
  return md5Hex(extra === undefined ? normalizeText(text) : `${normalizeText(text)}\u0000${extra}`);
}

/** JSON with sorted keys, so equal objects serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([left], [right]) => (left < right ? -1 : 1)));
  });
}
