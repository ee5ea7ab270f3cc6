import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The code block a README embeds for an example file: the first fenced block after the marker line
 * `<!-- example: <path> -->`. Lets a test prove that the README shows the example exactly as it runs.
 */
export function readmeExample(readmePath: string, examplePath: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const marker = `<!-- example: ${examplePath} -->`;
  const start = readme.indexOf(marker);
  if (start === -1) throw new Error(`${readmePath} has no "${marker}" line`);
  const fence = readme.indexOf('```', start);
  const bodyStart = readme.indexOf('\n', fence) + 1;
  const end = readme.indexOf('\n```', bodyStart);
  return readme.slice(bodyStart, end + 1);
}

/** The example file as the README should show it: without its leading doc comment (the README says that in prose). */
export function exampleSource(readmePath: string, examplePath: string): string {
  const source = readFileSync(join(dirname(readmePath), examplePath), 'utf8');
  return source.replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
}

/**
 * Runs an example file with this Node (type stripping runs `.ts` as is) from its package folder, offline: provider
 * keys are removed from the environment so the engine's offline default runs. Resolves with what it printed;
 * rejects with stderr when the process fails.
 */
export function runExample(
  packageDirectory: string,
  examplePath: string,
  timeoutMs = 60_000,
): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(OPENAI|ANTHROPIC|UPSTASH)_/.test(key)) delete env[key];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--no-warnings', examplePath],
      { cwd: packageDirectory, env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${examplePath} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}
