import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIsolatedInstall, installedPackage, repositoryRoot } from './isolated-install.js';

// The TypeScript settings packages/core/README.md documents, checked against the package as installed (its .d.ts
// files through the exports map), for an ES module consumer and a CommonJS one.
const core = join(repositoryRoot, 'packages/core');
const app = createIsolatedInstall({
  directory: mkdtempSync(join(tmpdir(), 'memzero-typescript-')),
  workspacePackages: [core],
  links: [{ name: 'zod', from: core }],
});
afterAll(() => rmSync(app, { recursive: true, force: true }));
writeFileSync(
  join(app, 'esm.mts'),
  `import { Memory, type SearchResult } from '@memzero/core';
import { createUpstashVectorStore } from '@memzero/core/stores/upstash-vector';
import { createOpenAILanguageModel } from '@memzero/core/providers/openai';
const memory: Memory = new Memory({ vectorStore: createUpstashVectorStore({ url: 'u', token: 't' }) });
export const found: Promise<SearchResult> = memory.search('q', { userId: 'a' });
export const model = createOpenAILanguageModel;
`,
);
writeFileSync(
  join(app, 'cjs.cts'),
  `import { Memory } from '@memzero/core';
export const memory: Memory = new Memory();
`,
);
const tsc = join(installedPackage('typescript', repositoryRoot), 'bin/tsc');

function check(module: string, moduleResolution: string, files: string[]): string {
  const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--types', ''];
  try {
    execFileSync(
      process.execPath,
      [tsc, ...args, '--module', module, '--moduleResolution', moduleResolution, ...files],
      {
        cwd: app,
      },
    );
    return 'ok';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}

describe('TypeScript consumers', () => {
  it.each([
    ['nodenext', 'nodenext'],
    ['node20', 'nodenext'],
  ])('module %s, moduleResolution %s: ES modules and CommonJS (require of an ES module)', (module, resolution) => {
    expect(check(module, resolution, ['esm.mts', 'cjs.cts'])).toBe('ok');
  });

  it.each([
    ['esnext', 'bundler'],
    ['preserve', 'bundler'],
    ['node16', 'node16'],
  ])('module %s, moduleResolution %s: ES modules', (module, resolution) => {
    expect(check(module, resolution, ['esm.mts'])).toBe('ok');
  });

  it('node16 rejects a CommonJS file importing the package (TS1479), as the README says', () => {
    expect(check('node16', 'node16', ['cjs.cts'])).toContain('TS1479');
  });
});
