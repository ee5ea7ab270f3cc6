import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { memoryBlockEnd, memoryBlockStart } from '@memzero/core';

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

/** The memories `withMem0` put into the system prompt, one per line. */
function recalledMemories(options: LanguageModelV4CallOptions): string[] {
  const system = options.prompt.flatMap((message) => (message.role === 'system' ? [message.content] : [])).join('\n');
  const start = system.indexOf(memoryBlockStart);
  const end = system.indexOf(memoryBlockEnd, start);
  if (start === -1 || end === -1) return [];
  return system
    .slice(start + memoryBlockStart.length, end)
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).trim());
}

/** A short answer that shows what memory recalled, so the demo is honest without a real model. */
function answer(options: LanguageModelV4CallOptions): string {
  const memories = recalledMemories(options);
  if (memories.length === 0) return "Thanks! I don't remember anything related to this yet.";
  return `From memory I recall: ${memories.join('; ')}.`;
}

/**
 * A local stand-in for a chat model, used when no OPENAI_API_KEY is set: it needs no key and no network, and it
 * answers by repeating the memories the middleware recalled for this turn. It does not reason or chat; it shows
 * the memory at work. Set OPENAI_API_KEY to use a real model.
 */
export function createScriptedModel(): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'memzero-demo',
    modelId: 'scripted',
    supportedUrls: {},
    async doGenerate(options) {
      const content: LanguageModelV4Content[] = [{ type: 'text', text: answer(options) }];
      return { content, finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
    async doStream(options) {
      const words = answer(options).split(/(?<= )/);
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 'answer' },
        ...words.map((delta) => ({ type: 'text-delta' as const, id: 'answer', delta })),
        { type: 'text-end', id: 'answer' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ];
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}
