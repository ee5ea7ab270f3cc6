// An edge deployment (Cloudflare Workers, Vercel Edge, Deno, Bun): the service is a `fetch` handler. Storage comes
// from the environment: UPSTASH_VECTOR_REST_URL/TOKEN and UPSTASH_REDIS_REST_URL/TOKEN, MEMZERO_API_KEYS.
import { createMemoryServer } from '@memzero/server';

const server = createMemoryServer();

export default { fetch: server.fetch };
