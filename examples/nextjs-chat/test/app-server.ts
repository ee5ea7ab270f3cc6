import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@memzero/test-tooling';

export const appDirectory = join(import.meta.dirname, '..');

/** Builds the app once when no production build exists (CI builds it with `pnpm -r build` before the tests). */
export function ensureProductionBuild(): void {
  if (existsSync(join(appDirectory, '.next', 'BUILD_ID'))) return;
  const result = spawnSync('pnpm', ['exec', 'next', 'build'], { cwd: appDirectory, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}

export interface AppServer {
  url: string;
  /** What `next start` printed so far (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

/** `next start` of the production build on a free loopback port, with the given environment. */
export async function startAppServer(environment: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('pnpm', ['exec', 'next', 'start', '--hostname', '127.0.0.1', '--port', `${port}`], {
    cwd: appDirectory,
    env: { ...process.env, NODE_ENV: 'production', OPENAI_API_KEY: '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/`, { redirect: 'manual' })).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    },
  };
}
