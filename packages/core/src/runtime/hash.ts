import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

// Synchronous digests that run in every JavaScript runtime. Web Crypto's `crypto.subtle.digest` is async and has no
// MD5, while these are called inside synchronous planning code (deduplication while a plan is built) and MD5 keeps
// the `hash` field equal to Mem0's and to what existing stores hold. `@noble/hashes` is audited, dependency-free and
// tree-shakes to the two functions used (about 3 KiB minified).

/** Hex MD5 of the UTF-8 bytes of `text` (the same value as Node's `createHash('md5')`). */
export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

/** Hex SHA-256 of the UTF-8 bytes of `text` (the same value as Node's `createHash('sha256')`). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
