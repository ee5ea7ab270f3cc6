import type { LanguageModelV4GenerateResult, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { memoryBlockStart } from '@memzero/core';
import { simulateReadableStream } from 'ai';

export const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

export function textResult(text: string): LanguageModelV4GenerateResult {
  return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
}

export function toolCallResult(toolName: string, input: object, id = 'call-1'): LanguageModelV4GenerateResult {
  return {
    content: [{ type: 'tool-call', toolCallId: id, toolName, input: JSON.stringify(input) }],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage,
    warnings: [],
  };
}

export function textStreamParts(deltas: string[]): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't1' },
    ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
    { type: 'text-end', id: 't1' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

export function textStream(deltas: string[]): { stream: ReadableStream<LanguageModelV4StreamPart> } {
  return { stream: simulateReadableStream({ chunks: textStreamParts(deltas) }) };
}

/** The system messages of a prompt the model received. */
export function systemTexts(prompt: LanguageModelV4Prompt): string[] {
  return prompt.flatMap((message) => (message.role === 'system' ? [message.content] : []));
}

/** How many memory blocks a prompt holds, in all messages. */
export function countBlocks(prompt: LanguageModelV4Prompt): number {
  return systemTexts(prompt).reduce((count, text) => count + text.split(memoryBlockStart).length - 1, 0);
}

/** The `providerMetadata.memzero` report, failing the test when it is missing. */
export function memzeroReport(metadata: unknown): {
  status: string;
  scope: Record<string, string>;
  memories: Array<{ id: string; memory: string; score: number }>;
} {
  const report = (metadata as Record<string, unknown> | undefined)?.memzero;
  if (report === undefined) throw new Error('providerMetadata.memzero is missing');
  return report as ReturnType<typeof memzeroReport>;
}
