/**
 * memzero's benchmark: `pnpm bench` (all sections) or `pnpm bench --only add,search,rules,locomo,upstash`.
 * LoCoMo is read from `--locomo <path>`, `LOCOMO_PATH`, or `../shared/datasets/locomo/locomo-dev.json` next to the
 * repository. Prints markdown tables; BENCHMARKS.md keeps a run with the command that made it.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAddCost } from './add-cost.js';
import { loadLocomo } from './locomo.js';
import { measureLocomoRecall } from './locomo-recall.js';
import { measureRuleExtraction } from './rule-extraction.js';
import { measureSearchLatency } from './search-latency.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const only = new Set((argument('only') ?? 'add,search,rules,locomo,upstash').split(','));
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
    console.log(`## LoCoMo retrieval recall (${samples.length} conversations, raw turns, infer: false, no model)\n`);
    console.log('| category | questions | R@5 | R@10 | R@20 |');
    console.log('|---|---|---|---|---|');
    for (const row of await measureLocomoRecall(samples)) {
      console.log(
        `| ${row.label} | ${row.questions} | ${format(row.recall[5]!)} | ${format(row.recall[10]!)} | ${format(row.recall[20]!)} |`,
      );
    }
    console.log('');
  }
}

if (only.has('upstash')) {
  const upstashBench = join(dirname(fileURLToPath(import.meta.url)), 'upstash.ts');
  if (existsSync(upstashBench)) {
    const module = (await import(upstashBench)) as { runUpstashBenchmark?: () => Promise<string> };
    if (module.runUpstashBenchmark) console.log(await module.runUpstashBenchmark());
  }
}
