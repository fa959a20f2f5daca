import path from 'node:path';

import type { FileChange } from './file-change.js';
import { compareCodeUnits, isInside, toPosix } from './paths.js';
import { formatHunks } from './unified-diff.js';

/**
 * Formats the changes as one patch that `git apply` accepts: paths relative to
 * `baseDirectory` with `a/` and `b/` prefixes, `diff --git` headers, new and deleted files
 * against `/dev/null`. Files are ordered by path. Returns an empty string when nothing changes.
 *
 * @throws Error when a changed file lies outside `baseDirectory`, since a patch cannot name it.
 */
export function formatPatch(changes: readonly FileChange[], baseDirectory: string): string {
  const entries = changes
    .filter((change) => change.before !== change.after)
    .map((change) => ({ change, name: patchPath(change.path, baseDirectory) }))
    .sort((left, right) => compareCodeUnits(left.name, right.name));

  let output = '';
  for (const { change, name } of entries) {
    output += formatFilePatch(change, name);
  }
  return output;
}

function formatFilePatch(change: FileChange, name: string): string {
  const oldName = quotePath(`a/${name}`);
  const newName = quotePath(`b/${name}`);
  let header = `diff --git ${oldName} ${newName}\n`;

  if (change.before === null) {
    header += `new file mode ${gitFileMode(null)}\n--- /dev/null\n+++ ${newName}\n`;
  } else if (change.after === null) {
    header += `deleted file mode ${gitFileMode(change.mode)}\n--- ${oldName}\n+++ /dev/null\n`;
  } else {
    header += `--- ${oldName}\n+++ ${newName}\n`;
  }
  return header + formatHunks(change.before ?? '', change.after ?? '');
}

function patchPath(filePath: string, baseDirectory: string): string {
  if (!isInside(baseDirectory, filePath)) {
    throw new Error(
      `Cannot put ${filePath} in the patch: it is outside ${baseDirectory}, ` +
        'the directory the patch paths are relative to.',
    );
  }
  return toPosix(path.relative(baseDirectory, filePath));
}

/** Git records regular files as 100644, or 100755 when any execute bit is set. */
function gitFileMode(mode: number | null): string {
  return mode !== null && (mode & 0o111) !== 0 ? '100755' : '100644';
}

const C_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
};

/**
 * Quotes a path the way git does when it contains a double quote, a backslash or a control
 * character: in double quotes with C escapes. Other paths, spaces and non-ASCII included,
 * are printed as they are, which `git apply` also reads.
 */
function quotePath(name: string): string {
  if (!/["\\\x00-\x1f\x7f]/.test(name)) {
    return name;
  }
  let quoted = '"';
  for (const character of name) {
    const escape = C_ESCAPES[character];
    if (escape !== undefined) {
      quoted += escape;
    } else if (/[\x00-\x1f\x7f]/.test(character)) {
      quoted += `\\${character.charCodeAt(0).toString(8).padStart(3, '0')}`;
    } else {
      quoted += character;
    }
  }
  return `${quoted}"`;
}
