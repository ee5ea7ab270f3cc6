import { deleteMemory } from '@/lib/handlers';
import { edgeSessionSecret } from '@/lib/secret-edge';

export const runtime = 'edge';
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return deleteMemory(request, (await context.params).id, edgeSessionSecret);
}
