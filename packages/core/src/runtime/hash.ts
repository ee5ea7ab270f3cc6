// Synchronous MD5 and SHA-256 in plain JavaScript, for every runtime. Web Crypto's `crypto.subtle.digest` is async
// and has no MD5, while these run inside synchronous planning code (deduplication while a plan is built), and MD5
// keeps the `hash` field equal to Mem0's and to what existing stores hold. Written here rather than taken from a
// library because two small functions are all the engine needs and every byte counts in edge and browser bundles
// (`@noble/hashes` cost 7 KiB minified for these two). Both follow RFC 1321 / FIPS 180-4 and are checked against
// `node:crypto` on random input in test/runtime.

const encoder = new TextEncoder();

/** The message padded to whole 64-byte blocks, its bit length last (little-endian for MD5, big-endian for SHA). */
function padded(bytes: Uint8Array, littleEndian: boolean): DataView {
  const length = (((bytes.length + 8) >> 6) + 1) << 6;
  const block = new Uint8Array(length);
  block.set(bytes);
  block[bytes.length] = 0x80;
  const view = new DataView(block.buffer);
  const bits = bytes.length * 8;
  view.setUint32(length - (littleEndian ? 8 : 4), bits >>> 0, littleEndian);
  view.setUint32(length - (littleEndian ? 4 : 8), Math.floor(bits / 0x100000000), littleEndian);
  return view;
}

function hex(words: number[], littleEndian: boolean): string {
  const view = new DataView(new ArrayBuffer(words.length * 4));
  for (const [index, word] of words.entries()) view.setUint32(index * 4, word, littleEndian);
  return Array.from(new Uint8Array(view.buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const md5Shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const md5Constants = Array.from({ length: 64 }, (_, index) => Math.floor(Math.abs(Math.sin(index + 1)) * 2 ** 32));

/** Hex MD5 of the UTF-8 bytes of `text` (the same value as Node's `createHash('md5')`). */
export function md5Hex(text: string): string {
  const view = padded(encoder.encode(text), true);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let offset = 0; offset < view.byteLength; offset += 64) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let step = 0; step < 64; step++) {
      const round = step >> 4;
      let mix: number;
      let word: number;
      if (round === 0) [mix, word] = [(b & c) | (~b & d), step];
      else if (round === 1) [mix, word] = [(d & b) | (~d & c), (5 * step + 1) & 15];
      else if (round === 2) [mix, word] = [b ^ c ^ d, (3 * step + 5) & 15];
      else [mix, word] = [c ^ (b | ~d), (7 * step) & 15];
      const sum = (a + mix + md5Constants[step]! + view.getUint32(offset + word * 4, true)) | 0;
      const shift = md5Shifts[(round << 2) | (step & 3)]!;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
  }
  return hex(state, true);
}

/** The first 32 bits of the fractional parts of the square (`power` 1/2) or cube (1/3) roots of the first primes. */
function rootFractions(count: number, power: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate);
  }
  return primes.map((prime) => ((prime ** power % 1) * 2 ** 32) >>> 0);
}

const sha256Initial = rootFractions(8, 1 / 2);
const sha256Constants = rootFractions(64, 1 / 3);

/** Hex SHA-256 of the UTF-8 bytes of `text` (the same value as Node's `createHash('sha256')`). */
export function sha256Hex(text: string): string {
  const view = padded(encoder.encode(text), false);
  const state = [...sha256Initial];
  const schedule = new Uint32Array(64);
  const rotate = (value: number, bits: number): number => (value >>> bits) | (value << (32 - bits));
  for (let offset = 0; offset < view.byteLength; offset += 64) {
    for (let index = 0; index < 64; index++) {
      if (index < 16) {
        schedule[index] = view.getUint32(offset + index * 4, false);
      } else {
        const early = schedule[index - 15]!;
        const late = schedule[index - 2]!;
        const sigma0 = rotate(early, 7) ^ rotate(early, 18) ^ (early >>> 3);
        const sigma1 = rotate(late, 17) ^ rotate(late, 19) ^ (late >>> 10);
        schedule[index] = schedule[index - 16]! + sigma0 + schedule[index - 7]! + sigma1;
      }
    }
    let [a, b, c, d, e, f, g, h] = state as [number, number, number, number, number, number, number, number];
    for (let index = 0; index < 64; index++) {
      const choice = (e & f) ^ (~e & g);
      const first =
        (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + choice + sha256Constants[index]! + schedule[index]!) | 0;
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const second = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + majority) | 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + first) | 0, c, b, a, (first + second) | 0];
    }
    [a, b, c, d, e, f, g, h].forEach((value, index) => {
      state[index] = (state[index]! + value) | 0;
    });
  }
  return hex(state, false);
}
