'use client';

import { useState } from 'react';

export interface PanelMemory {
  id: string;
  memory: string;
  version: number;
  updatedAt: string;
}

interface HistoryEntry {
  event: string;
  previousMemory?: string;
  newMemory?: string;
  version: number;
  createdAt: string;
}

interface MemoryPanelProps {
  memories: PanelMemory[];
  apiBase: string;
  onChange: () => Promise<void>;
}

/** The current user's memories, each with its history and a delete button. */
export function MemoryPanel({ memories, apiBase, onChange }: MemoryPanelProps) {
  return (
    <section className="memories" aria-label="Memories">
      <h2>Memories</h2>
      {memories.length === 0 ? <p>No memories yet.</p> : null}
      <ul>
        {memories.map((memory) => (
          <MemoryItem key={memory.id} memory={memory} apiBase={apiBase} onChange={onChange} />
        ))}
      </ul>
    </section>
  );
}

function MemoryItem({ memory, apiBase, onChange }: { memory: PanelMemory } & Omit<MemoryPanelProps, 'memories'>) {
  const [history, setHistory] = useState<HistoryEntry[] | undefined>();

  async function toggleHistory() {
    if (history) return setHistory(undefined);
    const response = await fetch(`${apiBase}/memories/${encodeURIComponent(memory.id)}/history`, { cache: 'no-store' });
    if (response.ok) setHistory(((await response.json()) as { history: HistoryEntry[] }).history);
  }

  async function remove() {
    await fetch(`${apiBase}/memories/${encodeURIComponent(memory.id)}`, { method: 'DELETE' });
    await onChange();
  }

  return (
    <li>
      <span className="text">{memory.memory}</span>
      {memory.version > 1 ? <span className="version"> (v{memory.version})</span> : null}
      <div className="actions">
        <button type="button" onClick={() => void toggleHistory()} aria-expanded={history !== undefined}>
          History
        </button>
        <button type="button" onClick={() => void remove()}>
          Delete
        </button>
      </div>
      {history ? (
        <div className="history">
          {history.map((entry) => (
            <p key={`${entry.version}-${entry.event}`}>
              v{entry.version} {entry.event}
              {entry.previousMemory ? ` — before: "${entry.previousMemory}"` : ''}
              {entry.newMemory ? ` — now: "${entry.newMemory}"` : ''}
            </p>
          ))}
        </div>
      ) : null}
    </li>
  );
}
