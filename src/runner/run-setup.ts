import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import type { MigrationConfig } from '../core/types.js';
import { UsageError, errorMessage } from './errors.js';
import { findGitTopLevel } from './git.js';
import { GitignoreRules } from './gitignore.js';
import { findNearestPackageDirectory } from './package-json.js';
import { DEFAULT_VENDOR_FOLDER } from './vendor.js';
import type { WalkRoot } from './walk.js';

/** The settings of one `run`, after the command line was parsed and validated. */
export interface RunOptions {
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Files and directories to migrate, as given. */
  paths: readonly string[];
  /** Compute the changes without writing them. */
  dry: boolean;
  /** `--check`: compute the changes without writing, and report whether work remains. */
  check?: boolean;
  /** Transform names for the core, `client` included. */
  transforms: readonly string[];
  config?: MigrationConfig;
  /** Folder to vendor the client into, from `--client-path`. */
  clientPath?: string;
  /** Package that rewritten files import instead of a vendored folder, from `--client-import`. */
  clientImport?: string;
  /** SOAP lead field name to REST name, from `--field-map`. */
  fieldMap?: Record<string, string>;
  /** Remove SOAP packages that no file imports any more from `package.json`. */
  pruneDependencies?: boolean;
}

/** Absolute locations a run works with, worked out from `RunOptions`. */
export interface RunSetup {
  options: RunOptions;
  /** Real path of `options.cwd`. */
  cwd: string;
  roots: WalkRoot[];
  /** Folder the client is vendored into, or null with `--client-import`. */
  vendorDirectory: string | null;
  /** Git top level of the first path, or the current directory outside a work tree. */
  patchBase: string;
  /** Git top levels of the paths, without duplicates. Paths outside a work tree add none. */
  gitTopLevels: string[];
  /** The paths that are directories, as real paths. Files given by name are not included. */
  scannedDirectories: string[];
}

/**
 * Resolves the paths to real absolute paths with their git work trees and `.gitignore`
 * rules, and picks the vendor folder. That folder is `--client-path` when given. Otherwise
 * it is `marketo-rest-client/` beside the nearest `package.json` at or above the first path,
 * searching no higher than its git top level, or inside the first path when there is none.
 *
 * @throws UsageError when a path does not exist.
 */
export async function resolveRunSetup(options: RunOptions): Promise<RunSetup> {
  const cwd = await realpath(options.cwd);
  const topLevels = new Map<string, Promise<string | null>>();
  const rulesByBase = new Map<string, GitignoreRules>();

  const topLevelOf = (directory: string): Promise<string | null> => {
    let topLevel = topLevels.get(directory);
    if (topLevel === undefined) {
      topLevel = findGitTopLevel(directory);
      topLevels.set(directory, topLevel);
    }
    return topLevel;
  };

  const roots: WalkRoot[] = [];
  const rootDirectories: { directory: string; topLevel: string | null }[] = [];
  const gitTopLevels: string[] = [];
  const scannedDirectories: string[] = [];
  for (const pathArgument of options.paths) {
    const rootPath = await resolveExistingPath(cwd, pathArgument);
    const isDirectory = (await stat(rootPath)).isDirectory();
    const directory = isDirectory ? rootPath : path.dirname(rootPath);
    const topLevel = await topLevelOf(directory);
    if (isDirectory) {
      scannedDirectories.push(rootPath);
    }
    if (topLevel !== null && !gitTopLevels.includes(topLevel)) {
      gitTopLevels.push(topLevel);
    }
    const base = topLevel ?? directory;

    let rules = rulesByBase.get(base);
    if (rules === undefined) {
      rules = new GitignoreRules(base);
      rulesByBase.set(base, rules);
    }
    roots.push({ path: rootPath, rules });
    rootDirectories.push({ directory, topLevel });
  }

  const first = rootDirectories[0];
  if (first === undefined) {
    throw new UsageError('No path to migrate was given.');
  }

  let vendorDirectory: string | null = null;
  if (options.clientImport === undefined) {
    if (options.clientPath !== undefined) {
      vendorDirectory = path.resolve(cwd, options.clientPath);
    } else {
      const packageDirectory = await findNearestPackageDirectory(first.directory, first.topLevel);
      vendorDirectory = path.join(packageDirectory ?? first.directory, DEFAULT_VENDOR_FOLDER);
    }
  }

  return {
    options,
    cwd,
    roots,
    vendorDirectory,
    patchBase: first.topLevel ?? cwd,
    gitTopLevels,
    scannedDirectories,
  };
}

async function resolveExistingPath(cwd: string, pathArgument: string): Promise<string> {
  try {
    return await realpath(path.resolve(cwd, pathArgument));
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
      throw new UsageError(`Path not found: ${pathArgument}`);
    }
    throw new UsageError(`Cannot access ${pathArgument}: ${errorMessage(error)}`);
  }
}
