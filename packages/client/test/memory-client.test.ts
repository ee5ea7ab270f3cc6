import { createServer } from 'node:http';
import { MemoryError, ValidationError } from '@memzero/core';
import { describe, expect, it } from 'vitest';
import { MemoryClient, ServiceError } from '../src/index.js';

// The full API against a real service is tested in packages/server (test/memzero-client.test.ts).
describe('MemoryClient', () => {
  it('refuses a missing URL or key with a ValidationError', () => {
    expect(() => new MemoryClient({ url: 'localhost:8080', apiKey: 'k' })).toThrow(ValidationError);
    expect(() => new MemoryClient({ url: 'http://127.0.0.1:1', apiKey: '' })).toThrow(ValidationError);
  });

  it('reports an unreachable service as a retryable ServiceError without the key', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new MemoryClient({ url: `http://127.0.0.1:${port}`, apiKey: 'secret-key-123' });
    const error = await client.search('x', { userId: 'a' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect(MemoryError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 0, serviceCode: 'network', isRetryable: true, code: 'store_call' });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('secret-key-123');
  });

  it('maps error answers to the engine errors', async () => {
    const server = createServer((request, response) => {
      response.writeHead(request.url?.startsWith('/v1/memories/') ? 404 : 400, { 'Content-Type': 'application/json' });
      response.end(
        request.url?.startsWith('/v1/memories/')
          ? JSON.stringify({ detail: 'no memory with id "m1" in this scope', code: 'not_found' })
          : JSON.stringify({ detail: 'search.limit: must be at most 1000', code: 'validation', path: 'search.limit' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const client = new MemoryClient({ url: `http://127.0.0.1:${port}`, apiKey: 'secret-key-123' });
      await expect(client.get('m1')).resolves.toBeNull();
      await expect(client.search('x', { userId: 'a', limit: 5000 })).rejects.toMatchObject({
        name: 'ValidationError',
        path: 'search.limit',
        message: 'search.limit: must be at most 1000',
      });
    } finally {
      server.close();
    }
  });
});
