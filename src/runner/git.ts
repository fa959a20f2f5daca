import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';

/**
 * Returns the top-level directory of the git work tree that contains `directory`, as a
 * real path, or null when `directory` is outside a work tree or git is not installed.
 */
export async function findGitTopLevel(directory: string): Promise<string | null> {
  const output = await new Promise<string | null>((resolve) => {
    execFile(
      'git',
      ['rev-parse', '--show-toplevel'],
      { cwd: directory, encoding: 'utf8' },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
  const topLevel = output?.replace(/\r?\n$/, '');
  if (!topLevel) {
    return null;
  }
  return realpath(topLevel);
}
