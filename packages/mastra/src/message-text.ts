import type { MastraDBMessage } from '@mastra/core/agent';

/** The text of a Mastra message: its text parts joined, or its legacy `content` string. */
export function messageText(message: MastraDBMessage): string {
  const parts = message.content.parts
    .flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : []))
    .join('\n')
    .trim();
  if (parts.length > 0) return parts;
  return typeof message.content.content === 'string' ? message.content.content.trim() : '';
}

/** The text of the last user message with text, or undefined. */
export function latestUserText(messages: ReadonlyArray<MastraDBMessage>): string | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'user') continue;
    const text = messageText(message);
    if (text.length > 0) return text;
  }
  return undefined;
}
