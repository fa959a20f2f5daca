import { diffArrays } from 'diff';

/** Lines of context around each change, as `git diff` prints by default. */
export const CONTEXT_LINES = 3;

const NO_NEWLINE_MARKER = '\\ No newline at end of file\n';

type LineOperation = { kind: ' ' | '-' | '+'; line: string };

/**
 * Splits text into lines that keep their terminator, so `\r\n` stays in the line and the
 * last line lacks `\n` exactly when the text has no final newline. Only `\n` ends a line,
 * as in git.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      break;
    }
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) {
    lines.push(text.slice(start));
  }
  return lines;
}

/**
 * Returns the hunks of a unified diff from `before` to `after` (the text after the
 * `---`/`+++` header lines), or an empty string when the texts are equal. Line contents,
 * `\r` included, are copied byte for byte. A line without a final newline is followed by
 * `\ No newline at end of file`.
 */
export function formatHunks(before: string, after: string, context = CONTEXT_LINES): string {
  if (before === after) {
    return '';
  }
  const operations = lineOperations(splitLines(before), splitLines(after));

  // Old and new line counts before each operation, for the hunk headers.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let oldCount = 0;
  let newCount = 0;
  for (const operation of operations) {
    oldBefore.push(oldCount);
    newBefore.push(newCount);
    if (operation.kind !== '+') {
      oldCount += 1;
    }
    if (operation.kind !== '-') {
      newCount += 1;
    }
  }
  oldBefore.push(oldCount);
  newBefore.push(newCount);

  let output = '';
  let index = 0;
  while (index < operations.length) {
    if (operations[index]?.kind === ' ') {
      index += 1;
      continue;
    }
    const start = Math.max(0, index - context);
    const changeEnd = findChangeEnd(operations, index, context);
    const stop = Math.min(operations.length, changeEnd + context);
    const hunk = operations.slice(start, stop);
    output += formatHunk(hunk, oldBefore[start] ?? 0, newBefore[start] ?? 0);
    index = stop;
  }
  return output;
}

function lineOperations(oldLines: string[], newLines: string[]): LineOperation[] {
  const operations: LineOperation[] = [];
  for (const change of diffArrays(oldLines, newLines)) {
    let kind: LineOperation['kind'] = ' ';
    if (change.added) {
      kind = '+';
    } else if (change.removed) {
      kind = '-';
    }
    for (const line of change.value) {
      operations.push({ kind, line });
    }
  }
  return operations;
}

/**
 * Returns the index after the last change of the hunk that starts at `index`. Changes
 * separated by at most twice the context share a hunk, as in `git diff`.
 */
function findChangeEnd(operations: LineOperation[], index: number, context: number): number {
  let position = index;
  for (;;) {
    while (position < operations.length && operations[position]?.kind !== ' ') {
      position += 1;
    }
    let next = position;
    while (next < operations.length && operations[next]?.kind === ' ') {
      next += 1;
    }
    if (next < operations.length && next - position <= 2 * context) {
      position = next;
      continue;
    }
    return position;
  }
}

function formatHunk(
  operations: LineOperation[],
  oldLinesBefore: number,
  newLinesBefore: number,
): string {
  const oldLength = operations.filter((operation) => operation.kind !== '+').length;
  const newLength = operations.filter((operation) => operation.kind !== '-').length;
  let output =
    `@@ -${formatRange(oldLinesBefore, oldLength)} ` +
    `+${formatRange(newLinesBefore, newLength)} @@\n`;
  for (const { kind, line } of operations) {
    output += kind + line;
    if (!line.endsWith('\n')) {
      output += `\n${NO_NEWLINE_MARKER}`;
    }
  }
  return output;
}

/**
 * Formats a hunk range as git does: `start,length`, with `,1` left out. An empty range
 * starts at the line before it, so a new file's range is `0,0`.
 */
function formatRange(linesBefore: number, length: number): string {
  const start = length === 0 ? linesBefore : linesBefore + 1;
  return length === 1 ? `${start}` : `${start},${length}`;
}
