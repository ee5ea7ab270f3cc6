import { ConfigurationError } from '../errors.js';

interface NodeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (name: string) => unknown;
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

/**
 * A Node built-in module, loaded synchronously through `process.getBuiltinModule` (Node >= 22.3, Bun, Deno), which
 * bundlers do not follow, so code that needs Node only for an opt-in feature keeps the main entry Web-only.
 *
 * @throws ConfigurationError when the runtime has no such module (a browser, an edge runtime), naming `feature`.
 */
export function nodeBuiltin<T>(name: `node:${string}`, feature: string): T {
  const loaded = nodeProcess()?.getBuiltinModule?.(name);
  if (loaded === undefined) {
    throw new ConfigurationError(`${feature} needs Node.js (${name} is not available in this runtime)`);
  }
  return loaded as T;
}
