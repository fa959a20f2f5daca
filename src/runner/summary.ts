import type { FileReport, SourceLocation } from '../core/types.js';
import { noFileImports, type DependencyOutcome } from './dependencies.js';
import { ExitCode } from './exit-codes.js';
import type { RunResult, VendorOutcome } from './run-result.js';
import { REPORTED_STATUSES, exitCodeOf } from './work.js';

/** Counts and lists of one run, as the summary prints them. */
export interface SummaryCounts {
  scanned: number;
  changed: number;
  converted: number;
  markers: string[];
  existingMarkers: number;
  ignored: string[];
  skipped: string[];
  failed: string[];
  outsideNode: string[];
  secrets: string[];
}

export function countOutcomes(result: RunResult): SummaryCounts {
  const counts: SummaryCounts = {
    scanned: 0,
    changed: 0,
    converted: 0,
    markers: [],
    existingMarkers: 0,
    ignored: [],
    skipped: [],
    failed: [],
    outsideNode: [],
    secrets: [],
  };

  for (const outcome of result.files) {
    if (outcome.status === 'vendored-client') {
      continue;
    }
    counts.scanned += 1;
    const report: FileReport | null = outcome.report;
    const where = (location: SourceLocation): string => `${outcome.displayPath}:${location.line}`;

    if (outcome.status === 'changed') {
      counts.changed += 1;
      counts.converted += report?.converted ?? 0;
    }
    if (outcome.status === 'failed' && outcome.failure !== null) {
      const location = outcome.failure.location;
      const prefix = location
        ? `${outcome.displayPath}:${location.line}:${location.column}`
        : outcome.displayPath;
      counts.failed.push(`${prefix}: ${outcome.failure.reason}`);
    }
    if (outcome.status === 'outside-node') {
      counts.outsideNode.push(
        `${outcome.displayPath}: calls mktows but runs outside Node, ` +
          'so the REST client cannot be imported there',
      );
    }
    if (report === null) {
      continue;
    }
    // Credentials are found in the input, so they are listed whatever happened to the file.
    for (const secret of report.secrets) {
      counts.secrets.push(`${where(secret)}: ${secret.reason}`);
    }
    if (!REPORTED_STATUSES.has(outcome.status)) {
      continue;
    }
    for (const marker of report.markers) {
      counts.markers.push(`${where(marker)}: ${marker.message}`);
      counts.existingMarkers += marker.existing ? 1 : 0;
    }
    for (const ignored of report.ignored) {
      counts.ignored.push(`${where(ignored)}: ${ignored.reason}`);
    }
    if (outcome.status === 'skipped' && report.skipped !== null) {
      counts.skipped.push(`${where(report.skipped)}: ${report.skipped.reason}`);
    }
  }
  return counts;
}

/** Formats the one summary of a run, for stderr. */
export function formatSummary(result: RunResult): string {
  const counts = countOutcomes(result);
  const lines: string[] = [];
  if (result.check) {
    lines.push('Migration check (nothing was written):');
  } else {
    lines.push(
      result.dry ? 'Migration summary (dry run, nothing was written):' : 'Migration summary:',
    );
  }

  const listItems = (items: readonly string[]): void => {
    for (const item of items) {
      // Continuation lines of a multi-line message are indented below the item.
      lines.push(`    ${item.replace(/\r?\n/g, '\n      ')}`);
    }
  };
  const section = (label: string, count: number, items: readonly string[] = []): void => {
    lines.push(`  ${label}: ${count}`);
    listItems(items);
  };

  section('Files scanned', counts.scanned);
  section(result.dry ? 'Files to change' : 'Files changed', counts.changed);
  section('Call sites converted', counts.converted);
  const existingNote =
    counts.existingMarkers > 0 ? ` (${counts.existingMarkers} from an earlier run)` : '';
  lines.push(`  Call sites marked for a person: ${counts.markers.length}${existingNote}`);
  listItems(counts.markers);
  section('Calls ignored', counts.ignored.length, counts.ignored);
  section('Files skipped for safety', counts.skipped.length, counts.skipped);
  section('Files failed', counts.failed.length, counts.failed);
  section(
    'Files that need a person because they run outside Node',
    counts.outsideNode.length,
    counts.outsideNode,
  );
  section(
    'Hard-coded SOAP credentials found (values not shown)',
    counts.secrets.length,
    counts.secrets,
  );
  if (result.notScanned.length > 0) {
    section(
      'Paths not scanned',
      result.notScanned.length,
      result.notScanned.map((root) => `${root.displayPath}: ${root.reason}`),
    );
  }

  const client = describeClient(result);
  if (client !== null) {
    lines.push(`  REST client: ${client}`);
  }
  for (const manifest of result.clientPackage?.manifests ?? []) {
    const name = result.clientPackage?.name ?? '';
    lines.push(
      manifest.listed
        ? `  REST client package: ${name} is listed in ${manifest.displayPath}`
        : `  REST client package: add ${name} to ${manifest.displayPath}: ` +
            `run \`${manifest.addCommand}\` in its directory`,
    );
  }
  for (const dependency of result.dependencies) {
    lines.push(`  SOAP dependencies: ${describeDependency(dependency, result.dry)}`);
  }
  for (const error of runErrors(result)) {
    lines.push(`  Error: ${error}`);
  }
  if (result.check) {
    lines.push(`  Result: ${describeCheckResult(result)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Formats one `package.json` of the dependency advice, for the summary. */
export function describeDependency(dependency: DependencyOutcome, dry: boolean): string {
  const packages = dependency.packages.join(', ');
  const where = `in ${dependency.displayDirectory}/`;
  switch (dependency.status) {
    case 'removable': {
      const when = dry ? 'once the patch is applied, ' : '';
      return (
        `${dependency.displayPath} can drop ${packages}: ${when}` +
        `${noFileImports(dependency.packages)}. ` +
        `Run \`${dependency.removeCommand}\` ${where}, or pass --prune-dependencies.`
      );
    }
    case 'removed': {
      const done = dry
        ? `${packages} removed from ${dependency.displayPath} in the patch`
        : `${packages} removed from ${dependency.displayPath}`;
      const lockFile = dependency.lockFile ?? 'the lock file';
      return `${done}. Refresh ${lockFile} ${where} with \`${dependency.refreshCommand}\`.`;
    }
    case 'still-imported': {
      const shown = dependency.importedBy.slice(0, 3).join(', ');
      const more = dependency.importedBy.length - 3;
      const rest = more > 0 ? ` and ${more} more` : '';
      return `${dependency.displayPath} still needs ${packages}: imported by ${shown}${rest}.`;
    }
  }
}

function describeCheckResult(result: RunResult): string {
  const code = exitCodeOf(result);
  if (code === ExitCode.Error) {
    return `errors occurred (exit code ${code})`;
  }
  if (code === ExitCode.WorkRemaining) {
    return `migration work remains (exit code ${code})`;
  }
  return `fully migrated (exit code ${code})`;
}

/**
 * Formats only the failures and run errors, for `--silent`, which drops the summary but
 * never an error. Returns an empty string when there are none.
 */
export function formatErrors(result: RunResult): string {
  const lines = [...countOutcomes(result).failed, ...runErrors(result)].map(
    (line) => `Error: ${line}`,
  );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function runErrors(result: RunResult): string[] {
  const errors = [...result.errors];
  if (result.vendor?.error) {
    errors.push(`the REST client was not vendored: ${result.vendor.error}`);
  }
  return errors;
}

function describeClient(result: RunResult): string | null {
  if (result.clientImport !== null) {
    const needed = result.files.some((outcome) => outcome.report?.importsClient === true);
    return needed ? `rewritten files import ${result.clientImport}; nothing was vendored` : null;
  }
  const vendor: VendorOutcome | null = result.vendor;
  if (vendor === null || vendor.error !== null) {
    return null;
  }
  const build = vendor.format === 'esm' ? 'ES module build' : 'CommonJS build';
  if (vendor.changes.length === 0) {
    return `up to date in ${vendor.displayPath} (${build})`;
  }
  const files = vendor.changes.length === 1 ? '1 file' : `${vendor.changes.length} files`;
  return result.dry
    ? `to be vendored to ${vendor.displayPath} (${build}, ${files} in the patch)`
    : `vendored to ${vendor.displayPath} (${build}, ${files} written)`;
}
