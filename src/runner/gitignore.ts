import { readFile } from 'node:fs/promises';
import path from 'node:path';

import ignore from 'ignore';

import { isInside, isSameOrInside, toPosix } from './paths.js';

/** Directory names that are never walked, whatever the `.gitignore` files contain. */
export const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * The `.gitignore` rules of one tree, from its base directory (the git top level, or the
 * walk root outside git) down to each directory below it. As in git, a pattern in a deeper
 * `.gitignore` overrides the ones above it, and the last matching pattern decides.
 * `.git/info/exclude` and the global excludes file are not read.
 */
export class GitignoreRules {
  private readonly cache = new Map<string, Promise<ignore.Ignore | null>>();

  constructor(readonly baseDirectory: string) {}

  /**
   * Returns true when the rules ignore `absolutePath`, judging it alone. The walk calls this
   * for each entry of a directory it has already accepted, so parents are not re-checked.
   */
  async ignores(absolutePath: string, isDirectory: boolean): Promise<boolean> {
    if (!isInside(this.baseDirectory, absolutePath)) {
      return false;
    }

    let ignored = false;
    for (const directory of this.directoriesAbove(absolutePath)) {
      const rules = await this.rulesOf(directory);
      if (rules === null) {
        continue;
      }
      const relative = toPosix(path.relative(directory, absolutePath)) + (isDirectory ? '/' : '');
      const result = rules.test(relative);
      if (result.ignored) {
        ignored = true;
      } else if (result.unignored) {
        ignored = false;
      }
    }
    return ignored;
  }

  /**
   * Returns true when `absolutePath` or one of its parent directories below the base is
   * ignored, or is a `node_modules` or `.git` directory. Git does not look inside an
   * ignored directory, so a negation cannot bring back a file below one.
   */
  async ignoresWithParents(absolutePath: string, isDirectory: boolean): Promise<boolean> {
    const parents = this.directoriesAbove(absolutePath).slice(1);
    for (const parent of parents) {
      if (ALWAYS_SKIPPED_DIRECTORIES.has(path.basename(parent))) {
        return true;
      }
      if (await this.ignores(parent, true)) {
        return true;
      }
    }
    if (isDirectory && ALWAYS_SKIPPED_DIRECTORIES.has(path.basename(absolutePath))) {
      return true;
    }
    return this.ignores(absolutePath, isDirectory);
  }

  /** Lists the directories from the base down to the parent of `absolutePath`. */
  private directoriesAbove(absolutePath: string): string[] {
    const parent = path.dirname(absolutePath);
    if (!isSameOrInside(this.baseDirectory, parent)) {
      return [];
    }
    const relativeParent = path.relative(this.baseDirectory, parent);
    const directories = [this.baseDirectory];
    let current = this.baseDirectory;
    for (const segment of relativeParent.split(path.sep)) {
      if (segment === '') {
        continue;
      }
      current = path.join(current, segment);
      directories.push(current);
    }
    return directories;
  }

  private rulesOf(directory: string): Promise<ignore.Ignore | null> {
    let rules = this.cache.get(directory);
    if (rules === undefined) {
      rules = readRules(directory);
      this.cache.set(directory, rules);
    }
    return rules;
  }
}

async function readRules(directory: string): Promise<ignore.Ignore | null> {
  let text: string;
  try {
    text = await readFile(path.join(directory, '.gitignore'), 'utf8');
  } catch (error) {
    if (isMissingFileError(error)) {
      return null;
    }
    throw error;
  }
  return ignore().add(text);
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
