/** Formatting conventions of a file, so that new code is printed the same way. */
export interface SourceFormat {
  quote: 'single' | 'double';
  tabWidth: number;
  useTabs: boolean;
  lineTerminator: '\n' | '\r\n';
}

const BYTE_ORDER_MARK = '\uFEFF';

/** Splits off a leading byte-order mark, which the parser must not see. */
export function splitByteOrderMark(source: string): { bom: string; body: string } {
  return source.startsWith(BYTE_ORDER_MARK)
    ? { bom: BYTE_ORDER_MARK, body: source.slice(1) }
    : { bom: '', body: source };
}

/**
 * Detects quote style, indentation and line endings by counting.
 * Ties go to single quotes, two spaces and LF.
 */
export function detectFormat(source: string, stringRaws?: readonly string[]): SourceFormat {
  const singleQuotes = stringRaws
    ? stringRaws.filter((raw) => raw.startsWith("'")).length
    : count(source, /'(?:[^'\\\n]|\\.)*'/g);
  const doubleQuotes = stringRaws
    ? stringRaws.filter((raw) => raw.startsWith('"')).length
    : count(source, /"(?:[^"\\\n]|\\.)*"/g);
  const crlf = count(source, /\r\n/g);
  const lf = count(source, /\n/g) - crlf;
  return {
    quote: doubleQuotes > singleQuotes ? 'double' : 'single',
    ...detectIndentation(source),
    lineTerminator: crlf > lf ? '\r\n' : '\n',
  };
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function detectIndentation(source: string): { tabWidth: number; useTabs: boolean } {
  let tabLines = 0;
  const widths = new Map<number, number>();
  let previous = 0;
  for (const line of source.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (line.startsWith('\t')) {
      tabLines++;
      continue;
    }
    const width = line.length - line.trimStart().length;
    const step = Math.abs(width - previous);
    previous = width;
    if (step === 2 || step === 4 || step === 8) widths.set(step, (widths.get(step) ?? 0) + 1);
  }
  let tabWidth = 2;
  let best = 0;
  for (const [width, seen] of widths) {
    if (seen > best) {
      best = seen;
      tabWidth = width;
    }
  }
  const spaceLines = [...widths.values()].reduce((sum, seen) => sum + seen, 0);
  return { tabWidth, useTabs: tabLines > spaceLines };
}
