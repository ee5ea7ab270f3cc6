import { memoryHistory } from '@/lib/handlers';
import { edgeSessionSecret } from '@/lib/secret-edge';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return memoryHistory(request, (await context.params).id, edgeSessionSecret);
}
