import { nodeSessionSecret } from '@/lib/secret-node';
import { sessionCookie, signSession } from '@/lib/session';
import { isDemoUserId } from '@/lib/users';

export const runtime = 'nodejs';

/**
 * POST { userId }: switches this browser to another demo user by issuing a new signed cookie. This is the demo's
 * stand-in for signing in; replace it with your authentication (see the README).
 */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as { userId?: unknown } | undefined;
  if (!isDemoUserId(body?.userId)) return Response.json({ error: 'Unknown demo user.' }, { status: 400 });
  const value = await signSession(body.userId, nodeSessionSecret());
  const secure = new URL(request.url).protocol === 'https:';
  return new Response(null, { status: 204, headers: { 'set-cookie': sessionCookie(value, secure) } });
}
