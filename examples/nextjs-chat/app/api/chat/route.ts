import { chat } from '@/lib/handlers';
import { nodeSessionSecret } from '@/lib/secret-node';

export const runtime = 'nodejs';
export const POST = (request: Request) => chat(request, nodeSessionSecret);
