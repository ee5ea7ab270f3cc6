import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@memzero/test-tooling';
import { afterAll, describe, expect, it } from 'vitest';
import { createIsolatedInstall, repositoryRoot } from './isolated-install.js';

// A production build of a minimal Next.js app (current major, default bundler: Turbopack) whose routes import
// @memzero/core and @memzero/vercel-ai, installed without openai and @upstash/*: `next build` must not try to
// resolve them, and both routes (Node and edge runtime) must serve the offline engine.
const fixture = join(repositoryRoot, 'fixtures/next-app');
const core = join(repositoryRoot, 'packages/core');
// Inside the repository, so the packages linked from the workspace's store are within Turbopack's root.
const app = join(repositoryRoot, `.cache/next-app-${process.pid}`);
const nextBin = join(app, 'node_modules/next/dist/bin/next');
const environment = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OPENAI_API_KEY: '' };
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill();
  rmSync(app, { recursive: true, force: true });
});

function runNext(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: app, env: environment });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`next ${args[0]} failed:\n${output}`)),
    );
  });
}

async function startServer(port: number): Promise<void> {
  server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: app,
    env: environment,
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error('next start did not listen within a minute');
}

describe('a Next.js app without the optional packages', () => {
  it('builds with next build and serves the engine from Node and edge routes', { timeout: 600_000 }, async () => {
    createIsolatedInstall({
      directory: app,
      workspacePackages: [core, join(repositoryRoot, 'packages/vercel-ai')],
      links: [...['next', 'react', 'react-dom', 'ai', 'zod'].map((name) => ({ name, from: fixture }))],
    });
    cpSync(join(fixture, 'app'), join(app, 'app'), { recursive: true });
    cpSync(join(fixture, 'next.config.mjs'), join(app, 'next.config.mjs'));
    for (const optional of ['openai', '@upstash/vector', '@upstash/redis']) {
      expect(existsSync(join(app, 'node_modules', optional))).toBe(false);
    }

    const output = await runNext(['build']);
    expect(output).toMatch(/Compiled successfully/);
    expect(output).not.toMatch(/Module not found|Can't resolve/);

    const port = await freePort();
    await startServer(port);
    for (const route of ['/api/node', '/api/edge']) {
      const response = await fetch(`http://127.0.0.1:${port}${route}`);
      expect(response.status, route).toBe(200);
      const body = (await response.json()) as { added: string[]; found: string[]; block: string; description: object };
      expect(body.added).toEqual(['Name is Alice', 'Lives in Paris', 'Likes sushi']);
      expect(body.found[0]).toBe('Lives in Paris');
      expect(body.block).toContain('- Lives in Paris');
      expect(body.description).toMatchObject({ offline: true, vectorStore: 'in-memory' });
    }
  });
});
