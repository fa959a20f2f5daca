import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';

import { findGitTopLevel } from './git.js';
import type { RunSetup } from './run-setup.js';

/** Uncommitted changes listed in the error message before the rest are counted. */
const LISTED_CHANGES = 5;

/** A write was rejected because a git work tree has uncommitted changes. */
export class DirtyWorkTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirtyWorkTreeError';
  }
}

/**
 * Returns the `git status --porcelain` lines of the work tree at `topLevel`: modified, staged,
 * deleted and untracked files. Ignored files are not listed.
 *
 * @throws DirtyWorkTreeError when git fails, because the tree cannot then be shown to be clean.
 */
export async function listUncommittedChanges(topLevel: string): Promise<string[]> {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      'git',
      ['status', '--porcelain', '--untracked-files=normal'],
      { cwd: topLevel, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message;
          reject(
            new DirtyWorkTreeError(
              `git status failed in ${topLevel}: ${detail}. Pass --allow-dirty to write without ` +
                'the check.',
            ),
          );
          return;
        }
        resolve(stdout);
      },
    );
  });
  return output.split('\n').filter((line) => line !== '');
}

/**
 * Rejects a run that would write into a git work tree with uncommitted changes, so that the
 * migration's changes can be reviewed, and undone, on their own.
 *
 * @throws DirtyWorkTreeError naming the tree, its first changes and `--allow-dirty`.
 */
export async function assertCleanWorkTrees(topLevels: readonly string[]): Promise<void> {
  for (const topLevel of topLevels) {
    const changes = await listUncommittedChanges(topLevel);
    if (changes.length === 0) {
      continue;
    }
    const listed = changes.slice(0, LISTED_CHANGES).map((line) => `    ${line}`);
    const more = changes.length - listed.length;
    if (more > 0) {
      listed.push(`    and ${more} more`);
    }
    throw new DirtyWorkTreeError(
      `The git work tree ${topLevel} has uncommitted changes, so nothing was written:\n` +
        `${listed.join('\n')}\n` +
        'Commit or stash them first, so the migration can be reviewed on its own, or pass ' +
        '--allow-dirty to write anyway. --dry and --check never write and skip this check.',
    );
  }
}

/**
 * Returns the git work trees a writing run can change: those of the paths, and that of the
 * vendored client's folder (or its nearest existing parent) when it lies elsewhere.
 */
export async function workTreesWritten(setup: RunSetup): Promise<string[]> {
  const topLevels = [...setup.gitTopLevels];
  if (setup.vendorDirectory !== null) {
    let directory = setup.vendorDirectory;
    while (!(await isDirectory(directory)) && path.dirname(directory) !== directory) {
      directory = path.dirname(directory);
    }
    const topLevel = await findGitTopLevel(directory);
    if (topLevel !== null && !topLevels.includes(topLevel)) {
      topLevels.push(topLevel);
    }
  }
  return topLevels;
}

async function isDirectory(directory: string): Promise<boolean> {
  try {
    return (await stat(directory)).isDirectory();
  } catch {
    return false;
  }
}
