import { deleteMemory } from '@/lib/handlers';
import { nodeSessionSecret } from '@/lib/secret-node';

export const runtime = 'nodejs';
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return deleteMemory(request, (await context.params).id, nodeSessionSecret);
}
