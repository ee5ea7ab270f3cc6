/**
 * An import that bundlers leave alone: the specifier is a parameter (esbuild, Rollup and Vite skip non-literal
 * imports) and the comments tell webpack and Turbopack (Next.js) to keep it as a native `import()`. So choosing a
 * backend by name, or `path`, never makes a bundler resolve or inline an SDK (`openai`, `@upstash/*`) or a Node
 * built-in (`node:sqlite`) that an app does not use.
 */
export function importAtRunTime(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ specifier);
}
