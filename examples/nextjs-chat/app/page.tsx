import { cookies } from 'next/headers';
import { appMode, describeMode } from '@/lib/mode';
import { nodeSessionSecret } from '@/lib/secret-node';
import { sessionCookieName, verifySession } from '@/lib/session';
import { demoUsers } from '@/lib/users';
import { Chat } from './chat';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const mode = appMode();
  // proxy.ts has made sure a signed session exists; the page only reads it.
  const userId = (await verifySession((await cookies()).get(sessionCookieName)?.value, nodeSessionSecret())) ?? 'alice';
  return (
    <main>
      <header>
        <h1>memzero chat</h1>
        <p className="mode">{describeMode(mode)}</p>
      </header>
      <Chat key={userId} userId={userId} users={[...demoUsers]} apiBase={mode.apiBase} />
    </main>
  );
}
