import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { errorMessage } from './errors.js';
import type { FileChange } from './file-change.js';
import { findNearestPackageDirectory } from './package-json.js';
import { compareCodeUnits, isSameOrInside } from './paths.js';
import type { FileOutcome, RunResult } from './run-result.js';
import type { RunSetup } from './run-setup.js';

/** npm packages of the SOAP clients that migrated code no longer needs. */
export const SOAP_PACKAGES: readonly string[] = ['soap', 'strong-soap', 'node-marketo-soap'];

/** `package.json` sections that can list a SOAP package. */
const DEPENDENCY_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

// A module specifier of a SOAP package, or of a file inside one, after `require(`, `import(`,
// `from` or a side-effect `import`. Commented-out imports match too, which only makes the
// advice more cautious.
const SOAP_IMPORT_PATTERN = new RegExp(
  String.raw`(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)` +
    String.raw`(['"\`])(${SOAP_PACKAGES.join('|')})(?:\/[^'"\`]*)?\1`,
  'g',
);

/** Returns `no file imports it` or `no file imports them`, by the number of packages. */
export function noFileImports(packages: readonly string[]): string {
  return `no file imports ${packages.length === 1 ? 'it' : 'them'} any more`;
}

/** Returns the SOAP packages that `source` imports or requires, sorted, without duplicates. */
export function findSoapPackageImports(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(SOAP_IMPORT_PATTERN)) {
    const name = match[2];
    if (name !== undefined) {
      names.add(name);
    }
  }
  return [...names].sort(compareCodeUnits);
}

/**
 * State of a group of SOAP packages in one `package.json`:
 * - `removable`: no file of the package imports them any more, so they can be uninstalled.
 * - `removed`: `--prune-dependencies` removed them (in the patch, for a dry run).
 * - `still-imported`: files of the package still import them.
 */
export type DependencyStatus = 'removable' | 'removed' | 'still-imported';

/** One group of SOAP packages of a `package.json`: those still imported, or those unused. */
export interface DependencyOutcome {
  /** Absolute path of the `package.json`. */
  manifestPath: string;
  /** Path of the `package.json` relative to the current directory, for messages. */
  displayPath: string;
  /** Directory of the `package.json` relative to the current directory, `.` for itself. */
  displayDirectory: string;
  /** The SOAP packages of this group that the manifest lists, sorted. */
  packages: string[];
  status: DependencyStatus;
  /** Files of the package that import a package of this group after the run, for messages. */
  importedBy: string[];
  /** Command, run in the manifest's directory, that uninstalls the packages. */
  removeCommand: string;
  /** Command that refreshes the lock file after `--prune-dependencies` edited the manifest. */
  refreshCommand: string;
  /** Lock file found at or above the manifest, relative to the current directory, or null. */
  lockFile: string | null;
  /** The edit of the manifest, when `status` is `removed`. */
  change: FileChange | null;
}

/** With `--client-import` of a package name: where rewritten files need that package listed. */
export interface ClientPackageAdvice {
  /** npm package name taken from the `--client-import` specifier. */
  name: string;
  manifests: ClientPackageManifest[];
}

export interface ClientPackageManifest {
  /** Path of the `package.json` relative to the current directory. */
  displayPath: string;
  /** True when the manifest already lists the package. */
  listed: boolean;
  /** Command, run in the manifest's directory, that adds the package. */
  addCommand: string;
}

interface PackageManager {
  lockFile: string | null;
  uninstall: string;
  install: string;
  add: string;
}

type PackageManagerCommands = Omit<PackageManager, 'lockFile'>;

const NPM: PackageManagerCommands = {
  uninstall: 'npm uninstall',
  install: 'npm install',
  add: 'npm install',
};
const YARN: PackageManagerCommands = {
  uninstall: 'yarn remove',
  install: 'yarn install',
  add: 'yarn add',
};
const PNPM: PackageManagerCommands = {
  uninstall: 'pnpm remove',
  install: 'pnpm install',
  add: 'pnpm add',
};

/** Lock files by the package manager that writes them. Without one, npm is assumed. */
const LOCK_FILES: readonly { file: string; manager: PackageManagerCommands }[] = [
  { file: 'package-lock.json', manager: NPM },
  { file: 'npm-shrinkwrap.json', manager: NPM },
  { file: 'yarn.lock', manager: YARN },
  { file: 'pnpm-lock.yaml', manager: PNPM },
];

/**
 * Works out which `package.json` files can drop their SOAP packages, using each file's imports
 * after the run (the output of a rewritten file, else its input), and with `--prune-dependencies`
 * plans the edits. Sets `result.dependencies` and `result.clientPackage`.
 *
 * Only a manifest whose whole directory was scanned is judged: one above the paths, or beside
 * files given one by one, could have importers the run did not read.
 */
export async function planDependencies(result: RunResult, setup: RunSetup): Promise<void> {
  const nearest = new NearestManifestFinder();
  const filesByManifest = new Map<string, FileOutcome[]>();
  for (const outcome of result.files) {
    if (outcome.kind !== 'source' || outcome.status === 'vendored-client') {
      continue;
    }
    const directory = await nearest.find(path.dirname(outcome.path));
    if (directory === null) {
      continue;
    }
    const files = filesByManifest.get(directory) ?? [];
    files.push(outcome);
    filesByManifest.set(directory, files);
  }
  for (const directory of setup.scannedDirectories) {
    const manifestDirectory = await nearest.find(directory);
    if (manifestDirectory !== null && !filesByManifest.has(manifestDirectory)) {
      filesByManifest.set(manifestDirectory, []);
    }
  }

  const dependencies: DependencyOutcome[] = [];
  const manifestDirectories = [...filesByManifest.keys()].sort(compareCodeUnits);
  for (const directory of manifestDirectories) {
    const covered = setup.scannedDirectories.some((scanned) => isSameOrInside(scanned, directory));
    if (!covered) {
      continue;
    }
    const outcomes = await judgeManifest(directory, filesByManifest.get(directory) ?? [], {
      cwd: setup.cwd,
      prune: setup.options.pruneDependencies === true,
      stopDirectory: setup.patchBase,
    });
    dependencies.push(...outcomes);
  }
  result.dependencies = dependencies;
  result.clientPackage = await adviseClientPackage(result, setup.cwd, nearest);
}

/** Returns the imports of a file as they are after the run. */
function importsAfterRun(outcome: FileOutcome): string[] {
  return outcome.status === 'changed' ? outcome.soapImports.after : outcome.soapImports.before;
}

/**
 * Judges the SOAP packages of one manifest. Returns up to two outcomes: the packages that
 * files of the package still import, and the packages that no file imports any more.
 */
async function judgeManifest(
  directory: string,
  files: readonly FileOutcome[],
  context: { cwd: string; prune: boolean; stopDirectory: string },
): Promise<DependencyOutcome[]> {
  const manifestPath = path.join(directory, 'package.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    return [];
  }
  const manifest = parseObject(text);
  if (manifest === null) {
    return [];
  }
  const listed = listedPackages(manifest, SOAP_PACKAGES);
  if (listed.length === 0) {
    return [];
  }

  const importers = new Map<string, string[]>();
  for (const outcome of files) {
    for (const name of importsAfterRun(outcome)) {
      importers.set(name, [...(importers.get(name) ?? []), outcome.displayPath]);
    }
  }
  const imported = listed.filter((name) => importers.has(name));
  const unused = listed.filter((name) => !importers.has(name));
  const manager = await findPackageManager(directory, context.stopDirectory);
  const base = {
    manifestPath,
    displayPath: path.relative(context.cwd, manifestPath),
    displayDirectory: path.relative(context.cwd, directory) || '.',
    refreshCommand: manager.install,
    lockFile: manager.lockFile === null ? null : path.relative(context.cwd, manager.lockFile),
  };

  const outcomes: DependencyOutcome[] = [];
  if (imported.length > 0) {
    const importedBy = new Set(imported.flatMap((name) => importers.get(name) ?? []));
    outcomes.push({
      ...base,
      packages: imported,
      status: 'still-imported',
      importedBy: [...importedBy].sort(compareCodeUnits),
      removeCommand: `${manager.uninstall} ${imported.join(' ')}`,
      change: null,
    });
  }
  if (unused.length > 0) {
    const outcome: DependencyOutcome = {
      ...base,
      packages: unused,
      status: 'removable',
      importedBy: [],
      removeCommand: `${manager.uninstall} ${unused.join(' ')}`,
      change: null,
    };
    if (context.prune) {
      const mode = (await stat(manifestPath)).mode & 0o7777;
      outcome.change = {
        path: manifestPath,
        before: text,
        after: removePackages(text, manifest, unused),
        mode,
      };
      outcome.status = 'removed';
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Returns the manifest text without the packages in any dependency section. The text is
 * printed again with the indentation and line ending it had, as npm does when it edits it.
 */
export function removePackages(
  text: string,
  manifest: Record<string, unknown>,
  packages: readonly string[],
): string {
  const edited: Record<string, unknown> = { ...manifest };
  for (const section of DEPENDENCY_SECTIONS) {
    const entries = edited[section];
    if (!isRecord(entries)) {
      continue;
    }
    const kept = Object.fromEntries(
      Object.entries(entries).filter(([name]) => !packages.includes(name)),
    );
    edited[section] = kept;
  }
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  const lineEnding = text.includes('\r\n') ? '\r\n' : '\n';
  let printed = JSON.stringify(edited, null, indent);
  if (lineEnding !== '\n') {
    printed = printed.replace(/\n/g, lineEnding);
  }
  return /\r?\n$/.test(text) ? printed + lineEnding : printed;
}

async function adviseClientPackage(
  result: RunResult,
  cwd: string,
  nearest: NearestManifestFinder,
): Promise<ClientPackageAdvice | null> {
  const name = result.clientImport === null ? null : packageNameOf(result.clientImport);
  if (name === null) {
    return null;
  }
  const directories = new Set<string>();
  for (const outcome of result.files) {
    const importsClient =
      (outcome.status === 'changed' || outcome.status === 'unchanged') &&
      outcome.report?.importsClient === true;
    if (!importsClient) {
      continue;
    }
    const directory = await nearest.find(path.dirname(outcome.path));
    if (directory !== null) {
      directories.add(directory);
    }
  }
  if (directories.size === 0) {
    return null;
  }

  const manifests: ClientPackageManifest[] = [];
  for (const directory of [...directories].sort(compareCodeUnits)) {
    const manifestPath = path.join(directory, 'package.json');
    let manifest: Record<string, unknown> | null = null;
    try {
      manifest = parseObject(await readFile(manifestPath, 'utf8'));
    } catch (error) {
      result.errors.push(`Cannot read ${manifestPath}: ${errorMessage(error)}`);
    }
    const manager = await findPackageManager(directory, result.patchBase);
    manifests.push({
      displayPath: path.relative(cwd, manifestPath),
      listed: manifest !== null && listedPackages(manifest, [name]).length > 0,
      addCommand: `${manager.add} ${name}`,
    });
  }
  return { name, manifests };
}

/**
 * Returns the npm package name of a bare module specifier (`@scope/name` or `name`, without
 * a subpath), or null for a relative, absolute, `node:` or URL specifier.
 */
export function packageNameOf(specifier: string): string | null {
  if (/^(\.|\/|[a-zA-Z]:[\\/]|[a-z][a-z0-9+.-]*:)/.test(specifier)) {
    return null;
  }
  const segments = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  if (segments.length < count || segments.slice(0, count).some((segment) => segment === '')) {
    return null;
  }
  return segments.slice(0, count).join('/');
}

function listedPackages(manifest: Record<string, unknown>, names: readonly string[]): string[] {
  const listed = new Set<string>();
  for (const section of DEPENDENCY_SECTIONS) {
    const entries = manifest[section];
    if (!isRecord(entries)) {
      continue;
    }
    for (const name of names) {
      if (Object.hasOwn(entries, name)) {
        listed.add(name);
      }
    }
  }
  return [...listed].sort(compareCodeUnits);
}

/** Picks the package manager by the lock file at or above `directory`, up to `stopDirectory`. */
async function findPackageManager(
  directory: string,
  stopDirectory: string,
): Promise<PackageManager> {
  let current = directory;
  for (;;) {
    for (const { file, manager } of LOCK_FILES) {
      const candidate = path.join(current, file);
      if (await isFile(candidate)) {
        return { ...manager, lockFile: candidate };
      }
    }
    const parent = path.dirname(current);
    if (parent === current || current === stopDirectory || !isSameOrInside(stopDirectory, parent)) {
      break;
    }
    current = parent;
  }
  return { ...NPM, lockFile: null };
}

/** Caches the nearest `package.json` directory of each directory asked about. */
class NearestManifestFinder {
  private readonly cache = new Map<string, Promise<string | null>>();

  find(directory: string): Promise<string | null> {
    let found = this.cache.get(directory);
    if (found === undefined) {
      found = findNearestPackageDirectory(directory, null);
      this.cache.set(directory, found);
    }
    return found;
  }
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
