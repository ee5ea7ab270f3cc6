import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/**
 * The session-signing secret on the Node.js runtime: `MEMZERO_SESSION_SECRET`, or else a random secret created once
 * and kept in `.memzero/session-secret` next to the embedded store (so sessions survive restarts in development).
 * Set `MEMZERO_SESSION_SECRET` in production and whenever the Edge routes are used.
 */
export function nodeSessionSecret(): string {
  const fromEnvironment = process.env.MEMZERO_SESSION_SECRET;
  if (fromEnvironment) return fromEnvironment;
  if (cached !== undefined) return cached;
  const directory = join(process.cwd(), '.memzero');
  const file = join(directory, 'session-secret');
  mkdirSync(directory, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together agree on the first one written.
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  cached = readFileSync(file, 'utf8').trim();
  return cached;
}
