import type { FileOutcome, FileStatus, RunResult } from './run-result.js';
import { describeFileWork } from './work.js';

const STATUS_DETAIL: Record<FileStatus, string> = {
  'not-soap': 'no Marketo SOAP code found by the text check, so it was not parsed',
  unchanged: 'nothing to convert',
  changed: '',
  skipped: '',
  failed: '',
  'outside-node': '',
  'vendored-client': 'a file of the vendored REST client, left alone',
};

/**
 * Formats the `--verbose` listing: every file the run looked at, in walk order, with its
 * outcome and the reason when it was skipped or failed, then the paths that were not scanned.
 */
export function formatVerboseList(result: RunResult): string {
  const width = Math.max(0, ...result.files.map((outcome) => outcome.status.length));
  const lines = ['Files:'];
  for (const outcome of result.files) {
    const detail = detailOf(outcome, result.dry);
    lines.push(`  ${outcome.status.padEnd(width)}  ${outcome.displayPath}: ${detail}`);
  }
  for (const root of result.notScanned) {
    lines.push(`  ${'not scanned'.padEnd(width)}  ${root.displayPath}: ${root.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function detailOf(outcome: FileOutcome, dry: boolean): string {
  const work = describeFileWork(outcome, dry);
  if (work.length > 0) {
    return work.join(', ').replace(/\s*\r?\n\s*/g, ' ');
  }
  return STATUS_DETAIL[outcome.status] || 'nothing to convert';
}
