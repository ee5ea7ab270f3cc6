import { listMemories } from '@/lib/handlers';
import { edgeSessionSecret } from '@/lib/secret-edge';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';
export const GET = (request: Request) => listMemories(request, edgeSessionSecret);
