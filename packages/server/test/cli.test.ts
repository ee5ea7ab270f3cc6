import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './start.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('memzero-server (the built bin) over HTTP', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'memzero-cli-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('serves on loopback with keys from --config, persists under --path, and stops cleanly on SIGTERM', async () => {
    const config = join(directory, 'server.json');
    await writeFile(config, JSON.stringify({ apiKeys: [{ key: 'cli-key-000001', organization: 'team' }] }));
    const child = spawn(process.execPath, [cli, '--port', '0', '--path', join(directory, 'data'), '--config', config], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const server = { url };
    expect((await call(server, 'GET', '/v1/ping/', { key: 'cli-key-000001' })).body).toMatchObject({ org_id: 'team' });
    expect((await call(server, 'GET', '/v1/ping/', { key: 'wrong-key-0001' })).status).toBe(401);
    const added = await call(server, 'POST', '/v3/memories/add/', {
      key: 'cli-key-000001',
      body: { messages: 'I play the cello.', user_id: 'vic', infer: false, async_mode: false },
    });
    expect(added.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('cli-key-000001');

    const { Memory } = await import('@memzero/core');
    const memory = new Memory({ path: join(directory, 'data', 'team') });
    expect((await memory.getAll({ userId: 'vic' })).results.map((record) => record.memory)).toEqual([
      'I play the cello.',
    ]);
    await memory.close();
  });

  it('refuses to start without API keys, saying how to set them', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--path', join(directory, 'none')], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(stderr).toContain('MEMZERO_API_KEYS');
  });
});
