import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '../../../../..');

/** An acknowledged write printed by `writer-process.ts`. */
export type Acknowledged =
  | { op: 'add'; id: string; text: string }
  | { op: 'update'; id: string; version: number; text: string };

export interface Writer {
  child: ChildProcess;
  acknowledged: Acknowledged[];
  /** Resolves with the exit code (or the signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once `count` writes were acknowledged. */
  acknowledgedAtLeast(count: number): Promise<void>;
}

/** Starts `writer-process.ts` in its own Node process. */
export function startWriter(options: {
  path: string;
  name: string;
  adds: number;
  updates: number;
  userId: string;
}): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'writer-process.ts'), JSON.stringify(options)], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: Acknowledged[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) acknowledged.push(JSON.parse(line) as Acknowledged);
    for (const waiter of [...waiters]) {
      if (acknowledged.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.resolve();
      resolve({ code, signal, stderr });
    });
  });
  return {
    child,
    acknowledged,
    exited,
    acknowledgedAtLeast: (count) =>
      acknowledged.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}

/** Runs `open-probe.ts` (as `uid` when given) and returns its report. */
export function runProbe(
  options: { path: string; withoutSqlite?: boolean },
  uid?: number,
): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'open-probe.ts'), JSON.stringify(options)], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid, env: { ...process.env, HOME: '/tmp' } }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', () => {
      try {
        resolve(JSON.parse(stdout) as Record<string, unknown>);
      } catch {
        reject(new Error(`probe printed no report: ${stderr.slice(0, 2_000)}`));
      }
    });
  });
}
