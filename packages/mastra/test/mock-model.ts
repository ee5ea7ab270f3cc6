import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

/** One scripted model answer: text, or a tool call. */
export type ScriptedAnswer = { text: string } | { toolName: string; input: Record<string, unknown> };

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/**
 * An AI SDK mock model that answers from a script (the last answer repeats) and records every prompt, whether the
 * agent calls it with `doGenerate` or `doStream`.
 */
export function scriptedModel(script: ScriptedAnswer[]): {
  model: MockLanguageModelV4;
  prompts: () => Array<Array<{ role: string; content: unknown }>>;
} {
  let turn = 0;
  const next = (): ScriptedAnswer => {
    const answer = script[Math.min(turn, script.length - 1)];
    turn++;
    if (answer === undefined) throw new Error('empty script');
    return answer;
  };
  const model = new MockLanguageModelV4({
    doGenerate: async () => {
      const answer = next();
      return 'text' in answer
        ? {
            content: [{ type: 'text', text: answer.text }],
            finishReason: { unified: 'stop', raw: 'stop' },
            usage,
            warnings: [],
          }
        : {
            content: [
              {
                type: 'tool-call',
                toolCallId: `call-${turn}`,
                toolName: answer.toolName,
                input: JSON.stringify(answer.input),
              },
            ],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
            usage,
            warnings: [],
          };
    },
    doStream: async () => {
      const answer = next();
      const parts =
        'text' in answer
          ? [
              { type: 'text-start' as const, id: 'text-1' },
              { type: 'text-delta' as const, id: 'text-1', delta: answer.text },
              { type: 'text-end' as const, id: 'text-1' },
              { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage },
            ]
          : [
              {
                type: 'tool-call' as const,
                toolCallId: `call-${turn}`,
                toolName: answer.toolName,
                input: JSON.stringify(answer.input),
              },
              { type: 'finish' as const, finishReason: { unified: 'tool-calls' as const, raw: 'tool_calls' }, usage },
            ];
      return {
        stream: simulateReadableStream({ chunks: [{ type: 'stream-start' as const, warnings: [] }, ...parts] }),
      };
    },
  });
  const prompts = (): Array<Array<{ role: string; content: unknown }>> =>
    [...model.doGenerateCalls, ...model.doStreamCalls].map((call) => call.prompt);
  return { model, prompts };
}

/** All text of a prompt's system messages. */
export function systemText(prompt: Array<{ role: string; content: unknown }> | undefined): string {
  return (prompt ?? [])
    .filter((message) => message.role === 'system')
    .map((message) => String(message.content))
    .join('\n');
}
