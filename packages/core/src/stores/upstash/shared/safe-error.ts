import { StoreError } from '../../../errors.js';

/**
 * The SDKs' error messages can carry data: `@upstash/redis` appends `command was: [...]` with every argument, and a
 * service may echo a filter or a value in quotes. Keep only the service's own words: cut the echoed command, blank
 * out quoted or bracketed text, and bound the length.
 */
export function sanitizeMessage(message: string): string {
  const withoutCommand = message.split(/,? command was:/i)[0] ?? '';
  return withoutCommand
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '<redacted>')
    .replace(/\[[^\]]{40,}\]|\{[^}]{40,}\}/g, '<redacted>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * Wraps any failure of a store call in a {@link StoreError} whose message and cause hold no data: the original
 * error is replaced by a sanitised copy (same name, sanitised message), because a logged `cause` would otherwise
 * print the echoed command.
 */
export function toStoreError(
  store: string,
  operation: string,
  error: unknown,
  isRetryable: boolean,
  hint = '',
): StoreError {
  if (error instanceof StoreError) return error;
  const original = error instanceof Error ? error : new Error(String(error));
  const message = sanitizeMessage(original.message);
  const cause = new Error(message);
  cause.name = original.name;
  const status = (original as { status?: unknown }).status;
  const statusText = typeof status === 'number' ? ` (HTTP ${status})` : '';
  return new StoreError(store, operation, `${message || original.name}${statusText}${hint ? `. ${hint}` : ''}`, {
    cause,
    isRetryable,
  });
}
