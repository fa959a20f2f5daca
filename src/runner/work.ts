import type { SourceLocation } from '../core/types.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { FileOutcome, RunResult } from './run-result.js';

/** Statuses whose report describes the file as it is after the run. */
export const REPORTED_STATUSES: ReadonlySet<FileOutcome['status']> = new Set([
  'changed',
  'unchanged',
  'skipped',
]);

/** Returns true when a file or the run itself failed. */
export function hasFailures(result: RunResult): boolean {
  return (
    result.errors.length > 0 ||
    result.vendor?.error != null ||
    result.files.some((outcome) => outcome.status === 'failed')
  );
}

/**
 * Returns the migration work left in one file, one phrase per kind: pending changes, call sites
 * marked for a person, ignored calls, a skip for safety, code outside Node, or a failure.
 * Returns an empty list when the file is fully migrated or has no SOAP calls.
 */
export function describeFileWork(outcome: FileOutcome, dry: boolean): string[] {
  const work: string[] = [];
  const report = outcome.report;
  if (outcome.status === 'failed' && outcome.failure !== null) {
    const location = outcome.failure.location;
    const where = location === null ? '' : ` at line ${location.line}`;
    work.push(`failed${where}: ${outcome.failure.reason}`);
  }
  if (outcome.status === 'outside-node') {
    work.push('calls mktows but runs outside Node, so a person must migrate it');
  }
  if (outcome.status === 'changed') {
    const converted = report?.converted ?? 0;
    if (converted > 0) {
      work.push(`${plural(converted, 'call site')} ${dry ? 'to convert' : 'converted'}`);
    } else {
      work.push(dry ? 'changes to write' : 'changes written');
    }
  }
  if (report === null || !REPORTED_STATUSES.has(outcome.status)) {
    return work;
  }
  if (report.markers.length > 0) {
    work.push(`${plural(report.markers.length, 'call site')} marked for a person`);
  }
  if (report.ignored.length > 0) {
    work.push(`${plural(report.ignored.length, 'call')} ignored by marketo-migrate-ignore`);
  }
  if (outcome.status === 'skipped' && report.skipped !== null) {
    work.push(`skipped for safety at line ${report.skipped.line}: ${report.skipped.reason}`);
  }
  return work;
}

/**
 * Returns true when migration work remains. That is a file that would change, a call site
 * that is marked, ignored or skipped for safety, or a file outside Node that calls mktows. A
 * missing or outdated vendored client and a pending `package.json` edit count too.
 */
export function hasWorkRemaining(result: RunResult): boolean {
  const fileWork = result.files.some(
    (outcome) => outcome.status !== 'failed' && describeFileWork(outcome, true).length > 0,
  );
  const vendorWork =
    result.vendor !== null && result.vendor.error === null && result.vendor.changes.length > 0;
  const dependencyWork = result.dependencies.some((dependency) => dependency.change !== null);
  return fileWork || vendorWork || dependencyWork;
}

/**
 * Returns `ExitCode.Error` when a file or the run failed. Otherwise, with `--check`, returns
 * `ExitCode.WorkRemaining` when work remains. Otherwise returns `ExitCode.Ok`.
 */
export function exitCodeOf(result: RunResult): ExitCodeValue {
  if (hasFailures(result)) {
    return ExitCode.Error;
  }
  if (result.check && hasWorkRemaining(result)) {
    return ExitCode.WorkRemaining;
  }
  return ExitCode.Ok;
}

/**
 * Formats the `--check` listing: one line per file or folder that needs work, as
 * `path: phrase, phrase`. Returns an empty string when nothing needs work.
 */
export function formatCheckLines(result: RunResult): string {
  const lines: string[] = [];
  for (const outcome of result.files) {
    const work = describeFileWork(outcome, true);
    if (work.length > 0) {
      lines.push(`${outcome.displayPath}: ${oneLine(work.join(', '))}`);
    }
  }
  const vendor = result.vendor;
  if (vendor !== null && vendor.error === null && vendor.changes.length > 0) {
    lines.push(
      `${vendor.displayPath}: the vendored REST client is missing or out of date ` +
        `(${plural(vendor.changes.length, 'file')} to write)`,
    );
  }
  for (const dependency of result.dependencies) {
    if (dependency.change !== null) {
      lines.push(
        `${dependency.displayPath}: ${dependency.packages.join(', ')} to remove from the ` +
          'dependencies',
      );
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Formats `file:line`, or `file:line:column` when `withColumn` is set. */
export function formatLocation(file: string, location: SourceLocation, withColumn = false): string {
  return withColumn ? `${file}:${location.line}:${location.column}` : `${file}:${location.line}`;
}

/** Returns `1 file`, `2 files` and so on. Nouns here take a plain `s`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
