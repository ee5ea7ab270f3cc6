/**
 * memzero's benchmark: `pnpm bench` (all sections) or
 * `pnpm bench --only add,search,sqlite,cold,scope,rules,locomo,upstash,server,bundle`.
 * `--sqlite-sizes 10000,100000,1000000` adds the 1M run of the durable store (long: about an hour on 2 cores);
 * `--sqlite-layouts one` or `spread` runs one layout only; sizes from `--sqlite-bulk-from` (default 1,000,000) are
 * loaded through the stores in batches of 2,000 rather than through `Memory.add`.
 * LoCoMo is read from `--locomo <path>`, `LOCOMO_PATH`, or `../shared/datasets/locomo/locomo-dev.json` next to the
 * repository. Prints markdown tables; BENCHMARKS.md keeps a run with the command that made it.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAddCost } from './add-cost.js';
import { runBundleBenchmark } from './bundle-size.js';
import { measureColdBuild } from './cold-build.js';
import { loadLocomo } from './locomo.js';
import { measureLocomoRecall } from './locomo-recall.js';
import { measureRuleExtraction } from './rule-extraction.js';
import { measureSearchLatency } from './search-latency.js';
import { measureScopeIsolation, measureSqliteStore } from './sqlite-store.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const only = new Set(
  (argument('only') ?? 'add,search,sqlite,cold,scope,rules,locomo,upstash,server,bundle').split(','),
);
const format = (value: number, digits = 1): string => value.toFixed(digits);

console.log(
  `# memzero benchmark\n\nNode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}\n`,
);

if (only.has('add')) {
  console.log('## Cost per add (fixed conversations: 3 users, 24 turns)\n');
  console.log(
    '| pipeline | adds | LLM calls / add | prompt tokens / add | completion tokens / add | embedding requests / add | store calls / add |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of await measureAddCost()) {
    console.log(
      `| ${row.pipeline} | ${row.adds} | ${format(row.llmCallsPerAdd, 2)} | ${format(row.promptTokensPerAdd, 0)} | ${format(row.completionTokensPerAdd, 0)} | ${format(row.embeddingRequestsPerAdd, 2)} | ${format(row.storeCallsPerAdd, 1)} |`,
    );
  }
  console.log('');
}

if (only.has('search')) {
  const sizes = (argument('sizes') ?? '1000,10000,50000,100000').split(',').map(Number);
  console.log('## Search latency, embedded store (whole engine path, offline embedder)\n');
  console.log('| memories | layout | p50 ms | p95 ms | store calls / search |');
  console.log('|---|---|---|---|---|');
  await measureSearchLatency(sizes, (row) =>
    console.log(
      `| ${row.memories.toLocaleString('en')} | ${row.layout} | ${format(row.p50, 2)} | ${format(row.p95, 2)} | ${format(row.storeCallsPerSearch, 1)} |`,
    ),
  );
  console.log('');
}

if (only.has('sqlite')) {
  const sizes = (argument('sqlite-sizes') ?? '10000,100000').split(',').map(Number);
  console.log('## Durable store (SQLite, `new Memory({ path })`; whole engine path, offline embedder)\n');
  console.log(
    '| memories | layout | loaded through | insert/s | bytes on disk / memory | open ms | first search ms (builds the scope index) | search p50 ms | p95 ms | CPU ms / search | RSS MB | getAll walk s (100 / page) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const layouts = [
    { name: 'one user', users: 1 },
    { name: '10,000 users', users: 10_000 },
  ].filter((layout) => (argument('sqlite-layouts') ?? 'one,spread').includes(layout.users === 1 ? 'one' : 'spread'));
  await measureSqliteStore(
    sizes,
    layouts,
    (row) =>
      console.log(
        `| ${row.memories.toLocaleString('en')} | ${row.layout} | ${row.loader === 'bulk' ? 'stores, 2,000 / batch' : 'Memory.add, up to 200 / call'} | ${format(row.insertPerSecond, 0)} | ${format(row.bytesPerMemory, 0)} | ${format(row.openMs, 1)} | ${format(row.firstSearchMs, 1)} | ${format(row.p50, 2)} | ${format(row.p95, 2)} | ${format(row.cpuMsPerSearch, 2)} | ${format(row.rssMb, 0)} | ${row.walkSeconds === undefined ? '' : format(row.walkSeconds, 2)} |`,
      ),
    { bulkFrom: Number(argument('sqlite-bulk-from') ?? 1_000_000) },
  );
  console.log('');
}

if (only.has('cold')) {
  const sizes = (argument('cold-sizes') ?? '10000,100000').split(',').map(Number);
  console.log('## First search of a 1-user scope on a reopened SQLite store (builds its index), CPU time\n');
  console.log('| memories | lexical terms | CPU ms (median of 3) | CPU ms / 10k memories |');
  console.log('|---|---|---|---|');
  await measureColdBuild(sizes, 3, (row) =>
    console.log(
      `| ${row.memories.toLocaleString('en')} | ${row.terms} | ${format(row.cpuMs, 0)} | ${format(row.cpuMsPer10k, 0)} |`,
    ),
  );
  console.log('');
}

if (only.has('scope')) {
  console.log('## Search cost follows the scope (a 50-memory scope; 2,000 or 10,000 such scopes in the store)\n');
  console.log('| store | memories in the store | CPU ms / search | p50 ms |');
  console.log('|---|---|---|---|');
  const print = (row: { store: string; memories: number; cpuMsPerSearch: number; p50: number }): void =>
    console.log(
      `| ${row.store} | ${row.memories.toLocaleString('en')} | ${format(row.cpuMsPerSearch, 3)} | ${format(row.p50, 3)} |`,
    );
  for (const store of (argument('scope-stores') ?? 'in-memory,sqlite').split(',')) {
    await measureScopeIsolation(store as 'in-memory' | 'sqlite', print);
  }
  console.log('');
}

if (only.has('rules')) {
  const percent = (part: number, whole: number): string => (whole === 0 ? '–' : format((100 * part) / whole));
  const titles = {
    corpus: 'its corpus (packages/core/test/extraction/rule-corpus.ts)',
    'held-out': 'held-out sentences written after the changes and not tuned on (rule-corpus-held-out.ts)',
  } as const;
  for (const corpus of ['corpus', 'held-out'] as const) {
    console.log(`## Offline rule extractor: precision and recall on ${titles[corpus]}\n`);
    console.log(
      '| kind | sentences | exactly right | expected ops | produced ops | precision % | recall % | must-change-nothing sentences that changed something |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of await measureRuleExtraction(corpus)) {
      console.log(
        `| ${row.kind} | ${row.sentences} | ${row.exact} | ${row.expected} | ${row.produced} | ${percent(row.correct, row.produced)} | ${percent(row.correct, row.expected)} | ${row.silentViolated} of ${row.silent} |`,
      );
    }
    console.log('');
  }
}

if (only.has('locomo')) {
  const path =
    argument('locomo') ?? process.env.LOCOMO_PATH ?? join(repositoryRoot, '../shared/datasets/locomo/locomo-dev.json');
  if (!existsSync(path)) {
    console.log(
      `## LoCoMo retrieval recall\n\nSkipped: no dataset at ${path} (pass --locomo <path> or set LOCOMO_PATH).\n`,
    );
  } else {
    const samples = loadLocomo(path);
    const protocols = [
      ['session', 'one add per session'],
      ['turn', 'one add per turn, the session as its conversationId'],
    ] as const;
    for (const [protocol, description] of protocols) {
      console.log(
        `## LoCoMo retrieval recall (${samples.length} conversations, raw turns, infer: false, no model): ${description}\n`,
      );
      console.log('| category | questions | R@5 | R@10 | R@20 |');
      console.log('|---|---|---|---|---|');
      for (const row of await measureLocomoRecall(samples, {}, undefined, protocol)) {
        console.log(
          `| ${row.label} | ${row.questions} | ${format(row.recall[5]!)} | ${format(row.recall[10]!)} | ${format(row.recall[20]!)} |`,
        );
      }
      console.log('');
    }
  }
}

if (only.has('upstash')) {
  const upstashBench = join(dirname(fileURLToPath(import.meta.url)), 'upstash.ts');
  if (existsSync(upstashBench)) {
    const module = (await import(upstashBench)) as { runUpstashBenchmark?: () => Promise<string> };
    if (module.runUpstashBenchmark) console.log(await module.runUpstashBenchmark());
  }
  const { runUpstashWritePathBenchmark } = await import('./upstash-write-path.js');
  console.log(await runUpstashWritePathBenchmark());
}

if (only.has('server')) {
  // The service's own section lives with it (packages/server/bench), loaded only when present.
  const serviceBench = join(repositoryRoot, 'packages/server/bench/service.ts');
  if (existsSync(serviceBench)) {
    const module = (await import(serviceBench)) as { runServiceBenchmark?: () => Promise<string> };
    if (module.runServiceBenchmark) console.log(await module.runServiceBenchmark());
  }
}

if (only.has('bundle')) {
  console.log(await runBundleBenchmark());
}
