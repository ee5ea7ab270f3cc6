import {
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  streamText,
  type UIMessage,
} from 'ai';
import { after } from 'next/server';
import { appMemory } from './memory';
import { readSessionUser } from './session';
import type { DemoUserId } from './users';

/**
 * The app's API, written once for both runtimes: `app/api/**` serves it on Node.js, `app/api/edge/**` on the Edge
 * runtime (Upstash mode). Every handler takes the user from the signed session cookie; a request that names another
 * user is refused, and a memory id of another user is "not found".
 */
export type SecretSource = () => string;

const systemPrompt = 'You are a friendly assistant. Use what you remember about the user when it helps.';

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

function problem(status: number, message: string): Response {
  return json({ error: message }, status);
}

/** The session's user, or a 401/403 response. `claimed` is a user id the request names (query or body). */
async function authorize(request: Request, secret: SecretSource, claimed?: unknown): Promise<DemoUserId | Response> {
  const userId = await readSessionUser(request, secret());
  if (userId === undefined) return problem(401, 'No valid session: reload the page to get one.');
  if (claimed !== undefined && claimed !== null && claimed !== userId) {
    return problem(403, 'This session cannot act for another user.');
  }
  return userId;
}

export async function chat(request: Request, secret: SecretSource): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as
    | { id?: unknown; messages?: UIMessage[]; userId?: unknown }
    | undefined;
  if (!body || !Array.isArray(body.messages)) return problem(400, 'Expected { messages: UIMessage[] }.');
  const userId = await authorize(request, secret, body.userId);
  if (userId instanceof Response) return userId;
  const { model } = appMemory();
  const result = streamText({
    model,
    system: systemPrompt,
    messages: await convertToModelMessages(body.messages),
    // The chat id `useChat` sends is the conversation: turns stored one at a time keep their neighbours as context.
    providerOptions: { memzero: { userId, ...(typeof body.id === 'string' ? { conversationId: body.id } : {}) } },
  });
  // The answer streams as the model writes it. Storage starts in the background once it is done; the stream then
  // stays open until storage has finished and ends with a transient `data-memory` part, so the page refreshes its
  // panel at the right moment even when another instance (or Edge sandbox) serves the panel. `after` keeps the
  // function alive for storage if the browser goes away first.
  after(() => model.flush());
  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      writer.merge(result.toUIMessageStream());
      await result.text; // resolves once the merged stream has been read to its end
      await model.flush();
      writer.write({ type: 'data-memory', data: { stored: true }, transient: true });
    },
  });
  return createUIMessageStreamResponse({ stream });
}

/** GET: the user's memories (after pending storage has finished), or search results with `?q=`. */
export async function listMemories(request: Request, secret: SecretSource): Promise<Response> {
  const url = new URL(request.url);
  const userId = await authorize(request, secret, url.searchParams.get('userId'));
  if (userId instanceof Response) return userId;
  const { memory, model } = appMemory();
  await model.flush();
  const query = url.searchParams.get('q');
  if (query !== null) {
    const { results } = await memory.search(query, { userId, limit: 10 });
    return json({ memories: results.map(({ id, memory: text, score }) => ({ id, memory: text, score })) });
  }
  const { results } = await memory.getAll({ userId, limit: 100 });
  const memories = results
    .map(({ id, memory: text, version, createdAt, updatedAt }) => ({ id, memory: text, version, createdAt, updatedAt }))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return json({ memories });
}

export async function memoryHistory(request: Request, id: string, secret: SecretSource): Promise<Response> {
  const userId = await authorize(request, secret);
  if (userId instanceof Response) return userId;
  const { memory } = appMemory();
  // Scoped: another user's memory id has no history here, even after the memory was deleted.
  const entries = await memory.history(id, { userId });
  if (entries.length === 0) return problem(404, 'No such memory for this user.');
  return json({
    history: entries.map(({ event, previousMemory, newMemory, version, createdAt }) => ({
      event,
      previousMemory,
      newMemory,
      version,
      createdAt,
    })),
  });
}

export async function deleteMemory(request: Request, id: string, secret: SecretSource): Promise<Response> {
  const userId = await authorize(request, secret);
  if (userId instanceof Response) return userId;
  const { memory } = appMemory();
  if ((await memory.get(id, { userId })) === null) return problem(404, 'No such memory for this user.');
  // purge: the memory leaves the index and its history, everywhere.
  await memory.delete(id, { userId, purge: true });
  return new Response(null, { status: 204 });
}
