/**
 * What `@memzero/core` costs in a browser or edge bundle: esbuild (platform `browser`, minified, ESM) over the built
 * `dist/`, sizes split into the package's own code and its dependencies. Used by `pnpm bench --only bundle` and by
 * the bundle check in `test/bundle/`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The offline app of the size budget: `new Memory()`, add, search, getAll. */
export const offlineAppSource = `import { Memory } from '@memzero/core';
const memory = new Memory();
await memory.add("I'm Alice, I live in Paris and I love sushi.", { userId: 'alice' });
const found = await memory.search('Where does she live?', { userId: 'alice' });
const all = await memory.getAll({ userId: 'alice' });
globalThis.memzeroResult = { found: found.results.map((hit) => hit.memory), all: all.results.length };
`;

export interface BundleSize {
  /** Minified bytes an app loads up front: the entry chunk and the chunks it imports statically. */
  bytes: number;
  /** Gzip (level 9) bytes of the same, chunk by chunk. */
  gzipBytes: number;
  /** Minified bytes of the chunks loaded only on demand (dynamic `import()`, e.g. the model extractor and zod). */
  lazyBytes: number;
  /** Minified bytes of the up-front load that come from `@memzero/core` itself. */
  ownBytes: number;
  /** Minified bytes of the up-front load per dependency package (`@noble/hashes`, ...). */
  dependencyBytes: Record<string, number>;
  /** Every input file of every chunk, relative to the working directory. */
  inputs: string[];
  /** Imports of Node built-ins the bundle met (each one fails the build on platform `browser`). */
  nodeImports: string[];
  /** The code of every chunk, up-front ones first. */
  code: string[];
}

/** Records imports of Node built-ins (`node:fs`, `fs`, ...) and fails them, so a bundle check names every one. */
function nodeBuiltinTrap(found: string[]): Plugin {
  const builtins = new Set(
    (process.getBuiltinModule('node:module') as typeof import('node:module')).builtinModules.map((name) =>
      name.replace(/^node:/, ''),
    ),
  );
  return {
    name: 'node-builtin-trap',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, '');
        if (!args.path.startsWith('node:') && !builtins.has(bare.split('/')[0]!)) return undefined;
        found.push(`${args.path} (from ${args.importer.replace(`${packageRoot}/`, '')})`);
        return { errors: [{ text: `Node built-in "${args.path}" imported in a browser bundle` }] };
      });
    },
  };
}

/** Package name of a bundled file, or undefined for the package's own `dist/`. */
function packageOf(path: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  return match?.[1];
}

/**
 * Bundles `source` (an ES module that imports `@memzero/core...`) for the browser. The package resolves to the
 * workspace's built `dist/` through its `exports` map, as an app would see it.
 *
 * @throws the esbuild error when the bundle cannot be built (a Node built-in, a missing package).
 */
export async function measureBundle(source: string, nodeImports: string[] = []): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageRoot, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    splitting: true,
    outdir: join(packageRoot, '.bundle-check'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // `@memzero/core/testing` is for test runners; its vitest import is not part of any app.
    external: ['vitest'],
    plugins: [nodeBuiltinTrap(nodeImports)],
  });
  const outputs = (result.metafile as Metafile).outputs;
  const codeOf = new Map(result.outputFiles.map((file) => [file.path, file.text]));
  const absolute = (name: string): string => resolve(process.cwd(), name);
  // The up-front load: the entry and what it imports statically, transitively.
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint !== undefined)!;
  const upFront = new Set([entry]);
  for (const name of upFront) {
    for (const imported of outputs[name]!.imports) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) upFront.add(imported.path);
    }
  }
  const size: BundleSize = {
    bytes: 0,
    gzipBytes: 0,
    lazyBytes: 0,
    ownBytes: 0,
    dependencyBytes: {},
    inputs: [],
    nodeImports,
    code: [],
  };
  for (const [name, output] of Object.entries(outputs)) {
    if (name.endsWith('.map')) continue;
    size.inputs.push(...Object.keys(output.inputs));
    const code = codeOf.get(absolute(name)) ?? '';
    if (!upFront.has(name)) {
      size.lazyBytes += output.bytes;
      size.code.push(code);
      continue;
    }
    size.code.unshift(code);
    size.bytes += output.bytes;
    size.gzipBytes += gzipSync(code, { level: 9 }).length;
    for (const [path, input] of Object.entries(output.inputs)) {
      const owner = packageOf(path);
      if (owner === undefined) size.ownBytes += input.bytesInOutput;
      else size.dependencyBytes[owner] = (size.dependencyBytes[owner] ?? 0) + input.bytesInOutput;
    }
  }
  return size;
}

/** The package's subpath exports (except `./package.json`). */
export function subpathExports(): string[] {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  return Object.keys(manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? '@memzero/core' : `@memzero/core/${subpath.slice(2)}`));
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Markdown: the offline app, then every subpath with everything it exports. */
export async function runBundleBenchmark(): Promise<string> {
  const lines = [
    '## Bundle size (esbuild, platform browser, minified, code splitting; KiB)\n',
    'Up front: what an app loads before its first call (entry chunk and its static imports); on demand: chunks behind',
    'a dynamic `import()` (the model extractor with zod, loaded only when a model is configured).\n',
    '| bundle | up front | up front, gzip | @memzero/core (up front) | dependencies (up front) | on demand |',
    '|---|---|---|---|---|---|',
  ];
  const row = (name: string, size: BundleSize): string => {
    const dependencies = Object.entries(size.dependencyBytes)
      .sort(([, left], [, right]) => right - left)
      .map(([dependency, bytes]) => `${dependency} ${kib(bytes)}`)
      .join(', ');
    return `| ${name} | ${kib(size.bytes)} | ${kib(size.gzipBytes)} | ${kib(size.ownBytes)} | ${dependencies || '—'} | ${kib(size.lazyBytes)} |`;
  };
  lines.push(row('offline app: `new Memory()`, add, search, getAll', await measureBundle(offlineAppSource)));
  for (const subpath of subpathExports()) {
    const source = `export * from '${subpath}';`;
    try {
      lines.push(row(`\`${subpath}\` (all exports)`, await measureBundle(source)));
    } catch (error) {
      lines.push(
        `| \`${subpath}\` | does not bundle for the browser: ${(error as Error).message.split('\n')[0]} | | | | |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
