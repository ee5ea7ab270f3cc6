// Base64 on `Uint8Array` and `TextEncoder`, which every Web runtime has (no `Buffer`). Hand-rolled table loops: as
// fast as `Buffer` for the short strings the stores encode, where `btoa` needs a binary string and regex passes.

const standard = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const urlSafe = `${standard.slice(0, 62)}-_`;
/** Value of each character code in either alphabet, or -1. */
const values = new Int8Array(128).fill(-1);
for (let index = 0; index < 64; index++) {
  values[standard.charCodeAt(index)] = index;
  values[urlSafe.charCodeAt(index)] = index;
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let text = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    text +=
      alphabet[triple >> 18]! + alphabet[(triple >> 12) & 63]! + alphabet[(triple >> 6) & 63]! + alphabet[triple & 63]!;
  }
  const rest = bytes.length - index;
  if (rest > 0) {
    const triple = (bytes[index]! << 16) | (rest === 2 ? bytes[index + 1]! << 8 : 0);
    text += alphabet[triple >> 18]! + alphabet[(triple >> 12) & 63]!;
    text += rest === 2 ? alphabet[(triple >> 6) & 63]! : '';
    if (pad) text += rest === 2 ? '=' : '==';
  }
  return text;
}

/** Standard, padded base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode(bytes, standard, true);
}

/**
 * Bytes of base64 or base64url text. Lenient like Node's `Buffer.from(text, 'base64')`: characters outside both
 * alphabets (padding included) are skipped and a dangling last character is dropped, so malformed input gives
 * (wrong) bytes, never an exception; callers validate what they decode.
 */
export function base64ToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? values[code]! : -1;
    if (value < 0) continue;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Unpadded base64url of the UTF-8 bytes of `text` (Node's `Buffer.from(text).toString('base64url')`). */
export function textToBase64Url(text: string): string {
  return encode(encoder.encode(text), urlSafe, false);
}

/** Text of base64url (or base64) UTF-8 bytes; invalid UTF-8 becomes U+FFFD, as with `Buffer`. */
export function base64UrlToText(encoded: string): string {
  return decoder.decode(base64ToBytes(encoded));
}
