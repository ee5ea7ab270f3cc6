import type { AddResult } from '@memzero/core';
import { resolveScope, ValidationError } from '@memzero/core';
import { type HelperInput, toMemoryMessages } from './helper-input.js';
import { helperMemory, type Mem0HelperOptions } from './helper-options.js';

export interface AddMemoriesOptions extends Mem0HelperOptions {
  /** Stored with every memory written. @default undefined */
  metadata?: Record<string, unknown>;
  /** `false` stores the messages verbatim. @default true */
  infer?: boolean;
  /** The conversation the messages belong to (e.g. the chat id), for neighbour context across calls. Not a scope. */
  conversationId?: string;
}

/**
 * Mem0's `addMemories`: extracts and stores memories from a string, AI SDK messages or a prompt (text parts only).
 * Returns the engine's events. Throws on failure.
 *
 * @example
 * await addMemories([{ role: 'user', content: [{ type: 'text', text: 'I love red cars.' }] }], { user_id: 'borat' });
 */
export async function addMemories(input: HelperInput, options: AddMemoriesOptions): Promise<AddResult> {
  const memory = helperMemory('addMemories', options, ['add']);
  const scope = resolveScope('addMemories', [options]);
  const messages = toMemoryMessages(input);
  if (messages.length === 0) throw new ValidationError('input', 'pass a string or messages with text content');
  return memory.add(messages, {
    ...scope,
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    ...(options.infer === undefined ? {} : { infer: options.infer }),
    ...(options.conversationId === undefined ? {} : { conversationId: options.conversationId }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
