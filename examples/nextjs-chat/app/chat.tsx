'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { MemoryPanel, type PanelMemory } from './memory-panel';

interface ChatProps {
  userId: string;
  users: Array<{ id: string; name: string }>;
  apiBase: string;
}

export function Chat({ userId, users, apiBase }: ChatProps) {
  const [memories, setMemories] = useState<PanelMemory[]>([]);
  const [input, setInput] = useState('');

  // The memory API waits for the turn's background storage before it lists, so one refresh per turn is enough.
  const refreshMemories = useCallback(async () => {
    const response = await fetch(`${apiBase}/memories`, { cache: 'no-store' });
    if (response.ok) setMemories(((await response.json()) as { memories: PanelMemory[] }).memories);
  }, [apiBase]);

  const transport = useMemo(() => new DefaultChatTransport({ api: `${apiBase}/chat` }), [apiBase]);
  // One conversation per page load: the server stores its turns with this id as their conversation.
  const [chatId] = useState(() => `${userId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
  const { messages, sendMessage, status, error } = useChat({ id: chatId, transport, onFinish: refreshMemories });

  useEffect(() => {
    void refreshMemories();
  }, [refreshMemories]);

  async function switchUser(nextUserId: string) {
    await fetch('/api/session', { method: 'POST', body: JSON.stringify({ userId: nextUserId }) });
    window.location.reload();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = input.trim();
    if (text === '' || status === 'streaming' || status === 'submitted') return;
    void sendMessage({ text });
    setInput('');
  }

  return (
    <div className="layout">
      <section className="chat" aria-label="Chat">
        <label className="user">
          User{' '}
          <select value={userId} onChange={(event) => void switchUser(event.target.value)}>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <ol className="messages" aria-label="Conversation">
          {messages.map((message) => (
            <li key={message.id} className={message.role}>
              <strong>{message.role === 'user' ? 'You' : 'Assistant'}:</strong>{' '}
              {message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}
            </li>
          ))}
        </ol>
        {error ? <p role="alert">The assistant could not answer: {error.message}</p> : null}
        <form onSubmit={submit}>
          <input
            aria-label="Message"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder="Tell me something about yourself"
            autoComplete="off"
          />
          <button type="submit" disabled={status === 'streaming' || status === 'submitted'}>
            Send
          </button>
        </form>
      </section>
      <MemoryPanel memories={memories} apiBase={apiBase} onChange={refreshMemories} />
    </div>
  );
}
