import { ConfigurationError } from '@memzero/core';
import type { ApiKeyConfig } from './options.js';

/** A configured key, stored as its SHA-256 digest only. */
export interface ResolvedApiKey {
  digest: Uint8Array;
  /** First 16 hex digits of the digest: safe to log and to use as a rate-limit identifier. */
  id: string;
  organization: string;
  appId?: string;
}

const organizationPattern = /^[A-Za-z0-9_.-]{1,48}$/;

/** Parses MEMZERO_API_KEYS: comma-separated `key`, `key@organization` or `key@organization/appId`. */
export function parseApiKeys(value: string | undefined): ApiKeyConfig[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const at = entry.lastIndexOf('@');
      if (at < 0) return { key: entry };
      const [organization, appId] = entry.slice(at + 1).split('/', 2);
      return { key: entry.slice(0, at), organization, ...(appId ? { appId } : {}) } as ApiKeyConfig;
    });
}

/** Hashes and checks the configured keys. Throws a ConfigurationError that never contains a key. */
export async function resolveApiKeys(keys: ReadonlyArray<string | ApiKeyConfig>): Promise<ResolvedApiKey[]> {
  const resolved: ResolvedApiKey[] = [];
  for (const [index, entry] of keys.entries()) {
    const config = typeof entry === 'string' ? { key: entry } : entry;
    if (typeof config.key !== 'string' || config.key.length < 8) {
      throw new ConfigurationError(`apiKeys[${index}]: a key needs at least 8 characters`);
    }
    const digest = await sha256(config.key);
    const id = hex(digest).slice(0, 16);
    const organization = config.organization ?? `key-${id}`;
    if (!organizationPattern.test(organization)) {
      throw new ConfigurationError(
        `apiKeys[${index}].organization: letters, digits and _ . - only, at most 48 characters`,
      );
    }
    if (config.appId !== undefined && (typeof config.appId !== 'string' || config.appId.length === 0)) {
      throw new ConfigurationError(`apiKeys[${index}].appId: must be a non-empty string`);
    }
    if (resolved.some((other) => other.id === id)) {
      throw new ConfigurationError(`apiKeys[${index}]: the same key is configured twice`);
    }
    resolved.push({ digest, id, organization, ...(config.appId ? { appId: config.appId } : {}) });
  }
  return resolved;
}

/**
 * The key matching `presented`, or undefined. The presented key is hashed and compared with every configured
 * digest in full (no early exit), so the time taken does not depend on how much of a key matched.
 */
export async function findApiKey(
  keys: readonly ResolvedApiKey[],
  presented: string,
): Promise<ResolvedApiKey | undefined> {
  const digest = await sha256(presented);
  let found: ResolvedApiKey | undefined;
  for (const key of keys) {
    let difference = 0;
    for (let index = 0; index < digest.length; index++) difference |= digest[index]! ^ key.digest[index]!;
    if (difference === 0) found = key;
  }
  return found;
}

/** The key from `Authorization: Token <key>` (Mem0) or `Authorization: Bearer <key>`. */
export function readPresentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
