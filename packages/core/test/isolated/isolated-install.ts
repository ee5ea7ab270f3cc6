import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Where `name` is installed as seen from `from` (Node's walk up `node_modules` folders), as a real path. */
export function installedPackage(name: string, from: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(directory) === directory) throw new Error(`${name} is not installed for ${from}`);
  }
}

export interface IsolatedInstallOptions {
  /** The app folder to create (emptied first). */
  directory: string;
  /** Workspace packages to install as a registry would: their package.json and built dist/, copied. */
  workspacePackages: string[];
  /** Installed packages to make available, each with the folder to resolve it from. */
  links: Array<{ name: string; from: string }>;
}

/**
 * An app folder whose `node_modules` holds exactly the given packages: copies of workspace packages (so their
 * imports resolve from the app, not from the workspace, where dev dependencies such as `@upstash/*` are installed)
 * and links to installed ones (whose own dependencies resolve next to their real paths).
 */
export function createIsolatedInstall(options: IsolatedInstallOptions): string {
  rmSync(options.directory, { recursive: true, force: true });
  mkdirSync(join(options.directory, 'node_modules'), { recursive: true });
  writeFileSync(
    join(options.directory, 'package.json'),
    JSON.stringify({ name: 'memzero-isolated-app', private: true, type: 'module' }),
  );
  for (const packageDirectory of options.workspacePackages) {
    const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { name: string };
    const target = join(options.directory, 'node_modules', manifest.name);
    mkdirSync(target, { recursive: true });
    cpSync(join(packageDirectory, 'package.json'), join(target, 'package.json'));
    cpSync(join(packageDirectory, 'dist'), join(target, 'dist'), { recursive: true });
  }
  for (const link of options.links) {
    const target = join(options.directory, 'node_modules', link.name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(installedPackage(link.name, link.from), target, 'dir');
  }
  return options.directory;
}
