import { memoryHistory } from '@/lib/handlers';
import { nodeSessionSecret } from '@/lib/secret-node';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return memoryHistory(request, (await context.params).id, nodeSessionSecret);
}
