import type { LanguageModelV4Message, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { injectMemoryBlock, type Scope, stripMemoryBlock } from '@memzero/core';

/** The current user turn of a prompt: the messages up to it, and its text. */
export interface PromptTurn {
  /** Stable across the steps of one turn (later steps only append assistant and tool messages after it). */
  key: string;
  /** Text parts of the consecutive user messages that end with the last user message, joined by newlines. */
  userText: string;
}

/** Only text parts count: files, images, reasoning and tool parts are never sent to memory. */
function messageText(message: LanguageModelV4Message): string {
  if (message.role === 'system') return message.content;
  const texts: string[] = [];
  for (const part of message.content) if (part.type === 'text') texts.push(part.text);
  return texts.join('\n');
}

/** Reads the current user turn, or returns `undefined` when the prompt has no user text. */
export function readPromptTurn(prompt: LanguageModelV4Prompt, scope: Scope): PromptTurn | undefined {
  let last = -1;
  for (let index = prompt.length - 1; index >= 0; index--) {
    if (prompt[index]?.role === 'user') {
      last = index;
      break;
    }
  }
  if (last === -1) return undefined;
  let first = last;
  while (first > 0 && prompt[first - 1]?.role === 'user') first--;
  const userText = prompt
    .slice(first, last + 1)
    .map(messageText)
    .filter((text) => text.trim().length > 0)
    .join('\n');
  if (userText.trim().length === 0) return undefined;
  // The key covers everything up to the turn, so the same words in another conversation or position are another
  // turn. Our own memory block is removed first: the key must not change once memories are injected.
  // A system message that held only our block (one we added) is skipped for the same reason.
  const prefix: string[] = [];
  for (const message of prompt.slice(0, last + 1)) {
    const text = message.role === 'system' ? stripMemoryBlock(message.content) : messageText(message);
    if (message.role === 'system' && text.trim().length === 0) continue;
    prefix.push(`${message.role}\u0000${text}`);
  }
  return { key: hashText(JSON.stringify([scope, prefix])), userText };
}

/**
 * Puts the memory block into the first system message, or into a new leading one. Providers such as Anthropic
 * reject system messages after user or assistant messages, so nothing is ever added anywhere else. An existing
 * block is replaced (an empty block removes it), so repeated steps never stack blocks.
 */
export function injectIntoPrompt(prompt: LanguageModelV4Prompt, block: string): LanguageModelV4Prompt {
  const index = prompt.findIndex((message) => message.role === 'system');
  const system = index === -1 ? undefined : prompt[index];
  if (system === undefined || system.role !== 'system') {
    return block.length === 0 ? prompt : [{ role: 'system', content: block }, ...prompt];
  }
  const content = injectMemoryBlock(system.content, block);
  if (content === system.content) return prompt;
  const copy = [...prompt];
  copy[index] = { ...system, content };
  return copy;
}

/** 53-bit FNV-style hash (cyrb53): a compact cache key that needs no `node:crypto`, so edge runtimes work. */
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + text.length.toString(36);
}
