/**
 * Opens a `Memory` on a path in its own process and prints what happened as one JSON line (run with `node --import
 * tsx`): `{ ok: true, memories }` or `{ error: { name, code, message } }`. Argument: `{ path, withoutSqlite? }`;
 * `withoutSqlite` makes `node:sqlite` unresolvable first, as in runtimes that lack it, and then also checks that a
 * `Memory` without `path` still works.
 */
import { registerHooks } from 'node:module';

const options = JSON.parse(process.argv[2]!) as { path: string; withoutSqlite?: boolean };
if (options.withoutSqlite) {
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === 'node:sqlite') {
        throw Object.assign(new Error('No such built-in module: node:sqlite'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
      }
      return next(specifier, context);
    },
  });
}
const { Memory } = await import('../../../src/index.js');
const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;
const report: Record<string, unknown> = {};
try {
  const memory = new Memory({ ...offline, path: options.path });
  await memory.add('I live in Oslo', { userId: 'probe' });
  report.ok = true;
  report.memories = (await memory.getAll({ userId: 'probe' })).results.length;
  await memory.close();
} catch (error) {
  const { name, code, message } = error as { name: string; code: string; message: string };
  report.error = { name, code, message };
}
if (options.withoutSqlite) {
  const memory = new Memory(offline);
  await memory.add('I live in Oslo', { userId: 'probe' });
  report.inMemory = (await memory.getAll({ userId: 'probe' })).results.map((record) => record.memory);
}
process.stdout.write(`${JSON.stringify(report)}\n`);
