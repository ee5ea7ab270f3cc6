import { type NextRequest, NextResponse } from 'next/server';
import { nodeSessionSecret } from './lib/secret-node';
import { sessionCookie, sessionCookieName, signSession, verifySession } from './lib/session';

/** Gives a browser without a valid session the first demo user, before the page renders. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const secret = nodeSessionSecret();
  if ((await verifySession(request.cookies.get(sessionCookieName)?.value, secret)) !== undefined) {
    return NextResponse.next();
  }
  const value = await signSession('alice', secret);
  // Visible to this render (request cookie) and kept by the browser (response cookie).
  request.cookies.set(sessionCookieName, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.headers.append('set-cookie', sessionCookie(value, request.nextUrl.protocol === 'https:'));
  return response;
}

export const config = { matcher: '/' };
