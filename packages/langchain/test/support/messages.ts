import {
  AIMessage,
  type BaseMessage,
  ChatMessage,
  FunctionMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';

/** One message of every LangChain type, with the fields that are easy to lose: ids, names, tool calls, blocks. */
export function everyMessageType(): BaseMessage[] {
  return [
    new SystemMessage('You are terse.'),
    new HumanMessage({ content: [{ type: 'text', text: 'Weather in Berlin?' }], id: 'h1', name: 'alice' }),
    new AIMessage({
      content: '',
      id: 'a1',
      tool_calls: [{ id: 'call-1', name: 'weather', args: { city: 'Berlin' }, type: 'tool_call' }],
    }),
    new ToolMessage({ content: 'sunny', tool_call_id: 'call-1', name: 'weather' }),
    new AIMessage({ content: 'Sunny.', response_metadata: { model: 'fake' } }),
    new FunctionMessage({ content: '{"ok":true}', name: 'legacy_function' }),
    new ChatMessage({ content: 'A note.', role: 'critic' }),
  ];
}
