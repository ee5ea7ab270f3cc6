import { chat } from '@/lib/handlers';
import { edgeSessionSecret } from '@/lib/secret-edge';

// The same API on the Edge runtime, for Upstash mode (Upstash is reached over HTTP, so no Node.js API is needed).
export const runtime = 'edge';
export const POST = (request: Request) => chat(request, edgeSessionSecret);
