/** The session-signing secret on the Edge runtime, which has no file system: `MEMZERO_SESSION_SECRET` is required. */
export function edgeSessionSecret(): string {
  const secret = globalThis.process?.env?.MEMZERO_SESSION_SECRET;
  if (!secret) {
    throw new Error('MEMZERO_SESSION_SECRET must be set to run the memory API on the Edge runtime (Upstash mode)');
  }
  return secret;
}
