import { ValidationError } from '../../errors.js';
import { base64UrlToText, textToBase64Url } from '../../runtime/base64.js';

/** An opaque cursor for stable (createdAt, id) order. */
export function encodeCursor(createdAt: string, id: string): string {
  return textToBase64Url(JSON.stringify([createdAt, id]));
}

/** Reads a cursor; a malformed one is a validation error. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(base64UrlToText(cursor)) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through to the typed error
  }
  throw new ValidationError('cursor', 'not a cursor returned by getAll');
}
