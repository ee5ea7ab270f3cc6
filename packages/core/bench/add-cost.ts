import { startOpenAIServer } from '@memzero/test-tooling';
import { encode } from 'gpt-tokenizer';
import { Memory } from '../src/engine/memory.js';
import { createModelExtractor } from '../src/extraction/model-extractor.js';
import { createOpenAILanguageModel } from '../src/models/openai/index.js';
import { benchmarkTurns } from './conversations.js';

/** Averages per `add` over the fixed conversations. */
export interface AddCostRow {
  pipeline: string;
  adds: number;
  llmCallsPerAdd: number;
  promptTokensPerAdd: number;
  completionTokensPerAdd: number;
  embeddingRequestsPerAdd: number;
  storeCallsPerAdd: number;
}

/**
 * Runs the fixed conversations through `add` twice: with the model extractor (the `openai` SDK against a loopback
 * stub that answers a valid decision; tokens counted with the o200k tokenizer on what was actually sent) and with
 * the offline rule-based default.
 */
export async function measureAddCost(): Promise<AddCostRow[]> {
  const server = await startOpenAIServer();
  try {
    const model = createOpenAILanguageModel({ apiKey: 'bench', baseURL: server.baseURL, model: 'stub', maxRetries: 0 });
    const rows: AddCostRow[] = [];
    const modelConfig = { extractor: createModelExtractor(model), embedder: { provider: 'lexical' } } as const;
    const pipelines = [
      ['model extractor (OpenAI SDK, stub server)', modelConfig, false],
      ['model extractor, after a search for the same message (adapter flow)', modelConfig, true],
      ['offline default (rules + lexical)', { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } }, false],
    ] as const;
    for (const [pipeline, config, searchFirst] of pipelines) {
      const memory = new Memory(config);
      const totals = { llm: 0, prompt: 0, completion: 0, embeddings: 0, store: 0 };
      for (const turn of benchmarkTurns) {
        const answer = JSON.stringify({
          memories: [{ op: 'ADD', text: String(turn.messages[0]!.content).slice(0, 80) }],
        });
        server.enqueueChat({
          body: { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } }] },
        });
        if (searchFirst) await memory.search(String(turn.messages[0]!.content), { userId: turn.userId });
        const before = server.chatRequests().length;
        const result = await memory.add(turn.messages, { userId: turn.userId });
        totals.llm += result.usage.llmCalls;
        totals.embeddings += result.usage.embeddingCalls;
        totals.store += result.usage.storeCalls;
        for (const request of server.chatRequests().slice(before)) {
          const body = request.body as { messages: Array<{ content: string }> };
          totals.prompt += body.messages.reduce((sum, message) => sum + encode(message.content).length + 4, 3);
          totals.completion += encode(answer).length;
        }
      }
      server.reset();
      const adds = benchmarkTurns.length;
      rows.push({
        pipeline,
        adds,
        llmCallsPerAdd: totals.llm / adds,
        promptTokensPerAdd: totals.prompt / adds,
        completionTokensPerAdd: totals.completion / adds,
        embeddingRequestsPerAdd: totals.embeddings / adds,
        storeCallsPerAdd: totals.store / adds,
      });
    }
    return rows;
  } finally {
    await server.close();
  }
}
