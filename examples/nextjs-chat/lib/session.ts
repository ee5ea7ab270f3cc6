import { type DemoUserId, isDemoUserId } from './users';

/**
 * The signed session cookie that says which demo user this browser is. The server sets it (see `proxy.ts` and
 * `/api/session`) and verifies it on every API call; a request never chooses its user by itself. Web Crypto only,
 * so it runs on the Node.js and the Edge runtime alike.
 *
 * To plug in real authentication, replace `readSessionUser` with your auth library's session lookup (Auth.js
 * `auth()`, Clerk `auth()`, ...) and use its user id as the memory scope.
 */
export const sessionCookieName = 'memzero_demo_user';

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** `userId.signature`, where the signature is HMAC-SHA256 of the user id under the server's secret. */
export async function signSession(userId: DemoUserId, secret: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(userId));
  return `${userId}.${toBase64Url(signature)}`;
}

/** The demo user a cookie value proves, or `undefined` when it is missing, malformed or not signed by us. */
export async function verifySession(value: string | undefined, secret: string): Promise<DemoUserId | undefined> {
  if (value === undefined) return undefined;
  const dot = value.indexOf('.');
  const userId = value.slice(0, dot);
  const signature = fromBase64Url(value.slice(dot + 1));
  if (dot <= 0 || !isDemoUserId(userId) || signature === undefined) return undefined;
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, encoder.encode(userId));
  return valid ? userId : undefined;
}

/** Reads and verifies the session cookie of a request. */
export async function readSessionUser(request: Request, secret: string): Promise<DemoUserId | undefined> {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === sessionCookieName) return verifySession(decodeURIComponent(rest.join('=')), secret);
  }
  return undefined;
}

/** A `Set-Cookie` value for the session: HTTP only, same-site, a year long. */
export function sessionCookie(value: string, secure: boolean): string {
  const attributes = [`${sessionCookieName}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  attributes.push(`Max-Age=${60 * 60 * 24 * 365}`);
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
