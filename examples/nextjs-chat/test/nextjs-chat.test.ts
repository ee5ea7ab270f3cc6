import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUpstashTestServers, type UpstashTestServers } from '@memzero/test-tooling';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, onTestFailed, test } from 'vitest';
import { type AppServer, ensureProductionBuild, startAppServer } from './app-server';
import { launchBrowser, runChatScenario, screenshot } from './chat-flow';

let browser: Browser;

beforeAll(async () => {
  ensureProductionBuild();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('offline: embedded SQLite store, scripted model, Node.js runtime', () => {
  let server: AppServer;
  let dataDirectory: string;

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'memzero-nextjs-'));
    server = await startAppServer({
      MEMZERO_PATH: join(dataDirectory, 'store'),
      MEMZERO_SESSION_SECRET: 'test-secret-1',
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  test('a fact, its update and history, isolation between users, and delete', async () => {
    const page = await (await browser.newContext()).newPage();
    onTestFailed(async () => {
      await screenshot(page, 'offline-failure');
      console.error(`next start output:\n${server.output()}`);
    });
    await runChatScenario(page, server.url, '/api', 'offline');
  });
});

describe('Upstash Vector + Redis (emulator and bridge on loopback), Edge runtime', () => {
  let server: AppServer;
  let upstash: UpstashTestServers;

  beforeAll(async () => {
    upstash = await startUpstashTestServers({ vector: { visibilityDelayMs: 200 } });
    server = await startAppServer({
      UPSTASH_VECTOR_REST_URL: upstash.vector.url,
      UPSTASH_VECTOR_REST_TOKEN: upstash.vector.token,
      UPSTASH_REDIS_REST_URL: upstash.redis.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.redis.token,
      MEMZERO_SESSION_SECRET: 'test-secret-2',
    });
  });

  afterAll(async () => {
    await server?.stop();
    await upstash?.close();
  });

  test('the same scenario through the Edge routes', async () => {
    const page = await (await browser.newContext()).newPage();
    onTestFailed(async () => {
      await screenshot(page, 'upstash-edge-failure');
      console.error(`next start output:\n${server.output()}`);
    });
    await runChatScenario(page, server.url, '/api/edge', 'upstash-edge');
  });
});
