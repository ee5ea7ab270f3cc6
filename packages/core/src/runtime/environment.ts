interface NodeProcess {
  env?: Record<string, string | undefined>;
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/**
 * An environment variable, or undefined where there is no `process.env` (browsers, Workers without `nodejs_compat`).
 * Read at call time, so values set after import are seen.
 */
export function environmentVariable(name: string): string | undefined {
  return nodeProcess()?.env?.[name];
}
