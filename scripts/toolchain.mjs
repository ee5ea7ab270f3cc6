#!/usr/bin/env node
// Provides the toolchain this repository needs using only the npm registry, then runs a workspace script.
// It runs under any Node >= 18 (the system Node here is 20); the work itself runs under the Node from `.tools/`.
//
//   node scripts/toolchain.mjs setup          install Node 24, pnpm and the workspace's packages
//   node scripts/toolchain.mjs run <script>   the same, then `pnpm run _<script>` with that Node first on PATH
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDirectory = join(root, '.tools');
const toolsBin = join(toolsDirectory, 'node_modules', '.bin');
const nodeVersion = '24.21.0';
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureTools() {
  const manifest = { private: true, dependencies: { node: nodeVersion, pnpm: pnpmVersion } };
  const manifestPath = join(toolsDirectory, 'package.json');
  const wanted = JSON.stringify(manifest, null, 2);
  const current = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
  if (current === wanted && existsSync(join(toolsBin, 'node')) && existsSync(join(toolsBin, 'pnpm'))) return;
  log(`installing Node ${nodeVersion} and pnpm ${pnpmVersion} into .tools/ (npm registry only)`);
  mkdirSync(toolsDirectory, { recursive: true });
  writeFileSync(manifestPath, wanted);
  const status = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: toolsDirectory });
  if (status !== 0) throw new Error('npm could not install the toolchain into .tools/');
}

function toolEnvironment() {
  const path = [toolsBin, join(root, 'node_modules', '.bin'), process.env.PATH].join(':');
  return { ...process.env, PATH: path, npm_config_engine_strict: 'false' };
}

function ensureWorkspacePackages(environment) {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && existsSync(lockfile) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  log('installing workspace packages with pnpm');
  const args = ['install', '--prefer-offline'];
  if (process.env.CI) args.push('--frozen-lockfile');
  const status = run(join(toolsBin, 'pnpm'), args, { env: environment });
  if (status !== 0) throw new Error('pnpm install failed');
}

// Tests run a real redis-server on loopback (started and stopped by the test setup) and drive Debian's Chromium
// for the Next.js template's end-to-end test; install both from Debian when missing.
const debianPackages = [
  { command: 'redis-server', packages: ['redis-server'] },
  { command: 'chromium', packages: ['chromium'] },
];

function ensureDebianPackages() {
  const missing = debianPackages.filter(({ command }) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  if (missing.length === 0) return;
  const names = missing.flatMap(({ packages }) => packages);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the tests need ${names.join(' and ')}: install them (Debian/Ubuntu: apt-get install -y ${names.join(' ')})`,
    );
  }
  log(`installing ${names.join(', ')} from Debian packages`);
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env: environment }) !== 0) throw new Error('apt-get update failed');
  const status = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env: environment });
  if (status !== 0) throw new Error(`apt-get could not install ${names.join(', ')}`);
}

const [mode = 'setup', script] = process.argv.slice(2);
try {
  ensureTools();
  const environment = toolEnvironment();
  ensureWorkspacePackages(environment);
  if (script === 'test' || script === 'bench') ensureDebianPackages();
  if (mode === 'run') {
    if (!script) throw new Error('usage: node scripts/toolchain.mjs run <script>');
    process.exit(run(join(toolsBin, 'pnpm'), ['run', `_${script}`, ...process.argv.slice(4)], { env: environment }));
  }
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
