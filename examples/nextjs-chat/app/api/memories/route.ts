import { listMemories } from '@/lib/handlers';
import { nodeSessionSecret } from '@/lib/secret-node';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const GET = (request: Request) => listMemories(request, nodeSessionSecret);
