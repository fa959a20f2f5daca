import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import { errorMessage } from './errors.js';
import { classifyFile, type FileKind } from './extensions.js';
import { ALWAYS_SKIPPED_DIRECTORIES, type GitignoreRules } from './gitignore.js';
import { compareCodeUnits, isSameOrInside } from './paths.js';

/** A path given on the command line, resolved to a real absolute path. */
export interface WalkRoot {
  path: string;
  /** The `.gitignore` rules of the git work tree (or the tree below the root outside git). */
  rules: GitignoreRules;
}

export interface WalkEntry {
  /** Absolute path of the file. */
  path: string;
  kind: FileKind;
}

/** A path given on the command line that the walk did not look into, and why. */
export interface NotScannedRoot {
  path: string;
  reason: string;
}

export interface WalkResult {
  /** The files to look at, without duplicates, in walk order (directory entries sorted by name). */
  files: WalkEntry[];
  notScanned: NotScannedRoot[];
  /** Directories that could not be read, as messages. Their files are missing from `files`. */
  errors: string[];
}

/**
 * Lists the files below the roots that the runner looks at. Skips `node_modules`, `.git`,
 * the excluded directories (the vendored client) and whatever the `.gitignore` rules ignore.
 * Symbolic links found while walking are not followed, so a rename never replaces a link.
 */
export async function walkRoots(
  roots: readonly WalkRoot[],
  excludedDirectories: readonly string[],
): Promise<WalkResult> {
  const files: WalkEntry[] = [];
  const seen = new Set<string>();
  const notScanned: NotScannedRoot[] = [];
  const errors: string[] = [];

  const addFile = (filePath: string, kind: FileKind): void => {
    if (!seen.has(filePath)) {
      seen.add(filePath);
      files.push({ path: filePath, kind });
    }
  };

  const isExcluded = (directory: string): boolean =>
    excludedDirectories.some((excluded) => isSameOrInside(excluded, directory));

  const walkDirectory = async (directory: string, rules: GitignoreRules): Promise<void> => {
    try {
      await walkEntries(directory, rules);
    } catch (error) {
      errors.push(`Cannot read directory ${directory}: ${errorMessage(error)}`);
    }
  };

  const walkEntries = async (directory: string, rules: GitignoreRules): Promise<void> => {
    const entries: Dirent[] = await readdir(directory, { withFileTypes: true });
    entries.sort((left, right) => compareCodeUnits(left.name, right.name));
    for (const entry of entries) {
      const entryPath = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (
          ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) ||
          isExcluded(entryPath) ||
          (await rules.ignores(entryPath, true))
        ) {
          continue;
        }
        await walkDirectory(entryPath, rules);
      } else if (entry.isFile()) {
        const kind = classifyFile(entry.name);
        if (kind !== null && !(await rules.ignores(entryPath, false))) {
          addFile(entryPath, kind);
        }
      }
    }
  };

  for (const root of roots) {
    const stats = await stat(root.path);
    const isDirectory = stats.isDirectory();
    if (isExcluded(isDirectory ? root.path : path.dirname(root.path))) {
      notScanned.push({ path: root.path, reason: 'it is the vendored REST client folder' });
    } else if (await root.rules.ignoresWithParents(root.path, isDirectory)) {
      notScanned.push({ path: root.path, reason: 'ignored by .gitignore, node_modules or .git' });
    } else if (isDirectory) {
      await walkDirectory(root.path, root.rules);
    } else {
      const kind = stats.isFile() ? classifyFile(root.path) : null;
      if (kind === null) {
        notScanned.push({
          path: root.path,
          reason: 'not a JavaScript or TypeScript file by its extension',
        });
      } else {
        addFile(root.path, kind);
      }
    }
  }
  return { files, notScanned, errors };
}
