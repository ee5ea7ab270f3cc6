/**
 * A writer process for the multi-process tests (run with `node --import tsx`). Arguments: a JSON object
 * `{ path, name, adds, updates, userId }`. It adds `adds` memories (infer: false), then updates random memories of the
 * scope (its own and other writers') `updates` times, and prints one JSON line per acknowledged write:
 * `{ op: 'add', id, text }` or `{ op: 'update', id, version, text }`. With `adds: -1` it adds until killed.
 */
import { Memory } from '../../../src/index.js';

const options = JSON.parse(process.argv[2]!) as {
  path: string;
  name: string;
  adds: number;
  updates: number;
  userId: string;
};
const memory = new Memory({ path: options.path, llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
const acknowledge = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

for (let index = 0; options.adds < 0 || index < options.adds; index++) {
  const text = `${options.name} fact ${index} about topic ${index % 17}`;
  const result = await memory.add(text, { userId: options.userId, infer: false });
  for (const event of result.results) acknowledge({ op: 'add', id: event.id, text });
}
let ids: string[] = [];
for (let index = 0; index < options.updates; index++) {
  if (index % 50 === 0) {
    ids = [];
    let cursor: string | undefined;
    do {
      const page = await memory.getAll({ userId: options.userId, limit: 500, ...(cursor ? { cursor } : {}) });
      ids.push(...page.results.map((record) => record.id));
      cursor = page.nextCursor;
    } while (cursor);
  }
  const id = ids[Math.floor(Math.random() * ids.length)]!;
  const text = `${options.name} update ${index}`;
  const record = await memory.update(id, text);
  acknowledge({ op: 'update', id, version: record.version, text });
}
await memory.close();
