import { MissingScopeError, NotFoundError } from '@memzero/core';
import { generateText, isStepCount } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type Mem0Tool, type MemoryToolContext, mem0Tools, mem0ToolsContext } from '../src/index.js';
import { textResult, toolCallResult } from './support/model-results.js';
import { RecordingMemory } from './support/recording-memory.js';

/** Calls a tool's execute the way the AI SDK does, and returns its (non-streaming) output. */
async function run<Input, Output>(
  memoryTool: Mem0Tool<Input, Output>,
  input: Input,
  context: MemoryToolContext = {},
): Promise<Output> {
  return (await memoryTool.execute(input, { toolCallId: 'c1', messages: [], context })) as Output;
}

describe('mem0Tools', () => {
  it('scopes searches by the AI SDK tool context inside a generateText tool loop', async () => {
    const memory = new RecordingMemory();
    memory.seed('Bob drinks green tea', { userId: 'bob' });
    memory.seed('Alice drinks coffee every morning', { userId: 'alice' });
    const mock = new MockLanguageModelV4({
      doGenerate: [toolCallResult('searchMemories', { query: 'what the user drinks' }), textResult('Green tea.')],
    });

    const result = await generateText({
      model: mock,
      prompt: 'What do I drink?',
      tools: mem0Tools({ memory }),
      toolsContext: mem0ToolsContext({ userId: 'bob' }),
      stopWhen: isStepCount(3),
    });

    expect(result.text).toBe('Green tea.');
    expect(memory.searchCalls[0]!.options.userId).toBe('bob');
    const toolResult = result.steps[0]!.toolResults[0]!;
    expect(toolResult.output).toEqual({
      memories: [{ id: expect.any(String), memory: 'Bob drinks green tea', score: expect.any(Number) }],
    });
  });

  it('uses the fixed scope, lets the context override it, and caps the number of results', async () => {
    const memory = new RecordingMemory();
    for (let index = 0; index < 5; index++) memory.seed(`alice tea fact ${index}`, { userId: 'alice' });
    memory.seed('carol tea fact', { userId: 'carol' });
    const tools = mem0Tools({ memory, userId: 'alice', limit: 2 });

    const own = await run(tools.searchMemories, { query: 'tea fact', limit: 50 }, {});
    const other = await run(tools.searchMemories, { query: 'tea fact' }, { userId: 'carol' });

    expect(own.memories).toHaveLength(2);
    expect(own.memories.every((entry) => entry.memory.startsWith('alice'))).toBe(true);
    expect(other.memories.map((entry) => entry.memory)).toEqual(['carol tea fact']);
  });

  it('adds, updates and deletes only inside the scope', async () => {
    const memory = new RecordingMemory();
    const foreign = memory.seed('Dave owns a boat', { userId: 'dave' });
    const tools = mem0Tools({ memory, userId: 'alice' });

    const added = await run(tools.addMemory, { memory: 'Alice moved to Lisbon' }, {});
    const id = added.events[0]!.id!;
    expect(memory.addCalls[0]!.options.userId).toBe('alice');

    const updated = await run(tools.updateMemory, { id, memory: 'Alice moved to Porto' }, {});
    expect(updated).toEqual({ id, memory: 'Alice moved to Porto' });

    await expect(run(tools.updateMemory, { id: foreign.id, memory: 'x' }, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(tools.deleteMemory, { id: foreign.id }, {})).rejects.toThrow(/no memory/);

    expect(await run(tools.deleteMemory, { id }, {})).toEqual({ deleted: [id] });
    expect(memory.records.map((record) => record.memory)).toEqual(['Dave owns a boat']);
  });

  it('fails with MissingScopeError, reported to the model as a tool error, when there is no scope', async () => {
    const memory = new RecordingMemory();
    const tools = mem0Tools({ memory });
    await expect(run(tools.searchMemories, { query: 'x' }, {})).rejects.toBeInstanceOf(MissingScopeError);

    const mock = new MockLanguageModelV4({
      doGenerate: [toolCallResult('addMemory', { memory: 'something' }), textResult('Sorry.')],
    });
    const result = await generateText({ model: mock, prompt: 'remember this', tools, stopWhen: isStepCount(3) });
    const errorPart = result.steps[0]!.content.find((part) => part.type === 'tool-error');
    expect(errorPart).toBeDefined();
    expect(memory.addCalls).toHaveLength(0);
  });
});
