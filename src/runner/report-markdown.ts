import { noFileImports } from './dependencies.js';
import type { FileEntry, JsonReport } from './report.js';

/**
 * First line of the Markdown report. A workflow step finds its earlier comment on a pull
 * request by this line and updates it instead of adding another.
 */
export const MARKDOWN_REPORT_TAG = '<!-- marketo-soap-to-rest report -->';

/**
 * Formats the `--report-md` file: a pull-request comment with the totals, a table per
 * transform, the follow-ups as a task list with `file:line`, and the skipped and failed files.
 * Text from source files and messages is escaped, so it cannot add markup or mention a user.
 */
export function formatMarkdownReport(report: JsonReport): string {
  const lines: string[] = [MARKDOWN_REPORT_TAG, '## Marketo SOAP to REST migration', ''];
  lines.push(statusLine(report), '');

  const totals = report.totals;
  const changedLabel = report.mode === 'write' ? 'Files changed' : 'Files to change';
  lines.push('| | Count |', '| --- | ---: |');
  const rows: [string, number][] = [
    ['Files scanned', totals.filesScanned],
    [changedLabel, totals.filesChanged],
    ['Call sites converted', totals.callSitesConverted],
    ['Call sites marked for a person', totals.markers],
    ['Calls ignored', totals.ignored],
    ['Files skipped for safety', totals.skipped],
    ['Files failed', totals.failed],
    ['Files that run outside Node', totals.outsideNode],
    ['Hard-coded SOAP credentials', totals.secrets],
  ];
  for (const [label, count] of rows) {
    lines.push(`| ${label} | ${count} |`);
  }
  lines.push('');

  lines.push('### By transform', '');
  lines.push('| Transform | Converted | Marked | Ignored | Skipped |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const transform of report.transforms) {
    const converted = transform.converted === null ? 'n/a' : String(transform.converted);
    lines.push(
      `| ${code(transform.name)} | ${converted} | ${transform.markers} | ` +
        `${transform.ignored} | ${transform.skipped} |`,
    );
  }
  if (report.transforms.some((transform) => transform.converted === null)) {
    lines.push('', 'Conversions per transform are not reported yet, only the total above.');
  }
  lines.push('');

  const markers = report.files.flatMap((file) => file.markers.map((marker) => ({ file, marker })));
  if (markers.length > 0) {
    lines.push('### Follow-ups for a person', '');
    for (const { file, marker } of markers) {
      const earlier = marker.existing ? ' (from an earlier run)' : '';
      lines.push(
        `- [ ] ${code(`${file.path}:${marker.line}`)} ${code(marker.transform)}${earlier}: ` +
          escapeText(marker.message),
      );
    }
    lines.push('');
  }

  listSection(lines, 'Files skipped for safety', report.files, (file) =>
    file.skipped === null
      ? null
      : `${code(`${file.path}:${file.skipped.line}`)}: ${escapeText(file.skipped.reason)}`,
  );
  listSection(lines, 'Failures', report.files, (file) => {
    if (file.failure === null) {
      return null;
    }
    const where = file.failure.line === null ? file.path : `${file.path}:${file.failure.line}`;
    return `${code(where)}: ${escapeText(file.failure.reason)}`;
  });
  const ignored = report.files.flatMap((file) =>
    file.ignored.map((site) => `${code(`${file.path}:${site.line}`)} ${code(site.transform)}`),
  );
  bulletSection(lines, 'Calls ignored by marketo-migrate-ignore', ignored);
  bulletSection(
    lines,
    'Files that run outside Node',
    report.files
      .filter((file) => file.status === 'outside-node')
      .map((file) => `${code(file.path)}: calls mktows, so a person must migrate it`),
  );
  bulletSection(
    lines,
    'Hard-coded SOAP credentials (values not shown)',
    report.files.flatMap((file) =>
      file.secrets.map(
        (site) => `${code(`${file.path}:${site.line}`)}: ${escapeText(site.reason)}`,
      ),
    ),
  );
  bulletSection(lines, 'Dependencies', dependencyLines(report));
  bulletSection(lines, 'Errors', report.errors.map(escapeText));

  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function statusLine(report: JsonReport): string {
  if (report.exitCode === 2) {
    return '**Errors occurred.** Some files could not be migrated; see Failures and Errors.';
  }
  if (report.workRemaining) {
    return report.mode === 'write'
      ? '**Work remains.** The call sites below need a person.'
      : '**Work remains.** Run the migration, then resolve the follow-ups below.';
  }
  return '**Fully migrated.** No Marketo SOAP call sites remain.';
}

function dependencyLines(report: JsonReport): string[] {
  const lines: string[] = [];
  for (const dependency of report.dependencies) {
    const packages = dependency.packages.map(code).join(', ');
    const manifest = code(dependency.manifest);
    if (dependency.status === 'removable') {
      lines.push(
        `${manifest} can drop ${packages}: ${noFileImports(dependency.packages)}` +
          `${report.mode === 'write' ? '' : ' once the migration is written'}. ` +
          `Run ${code(dependency.removeCommand)} in its directory.`,
      );
    } else if (dependency.status === 'removed') {
      lines.push(
        `${packages} removed from ${manifest}. Refresh the lock file with ` +
          `${code(dependency.refreshCommand)}.`,
      );
    } else {
      const importers = dependency.importedBy.map(code).join(', ');
      lines.push(`${manifest} still needs ${packages}: imported by ${importers}.`);
    }
  }
  const advice = report.client.package;
  for (const manifest of advice?.manifests ?? []) {
    if (advice !== null && !manifest.listed) {
      lines.push(
        `Add the REST client package ${code(advice.name)} to ${code(manifest.path)}: ` +
          `${code(manifest.command)}.`,
      );
    }
  }
  return lines;
}

function listSection(
  lines: string[],
  title: string,
  files: readonly FileEntry[],
  format: (file: FileEntry) => string | null,
): void {
  const items = files.map(format).filter((item): item is string => item !== null);
  bulletSection(lines, title, items);
}

function bulletSection(lines: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) {
    return;
  }
  lines.push(`### ${title}`, '');
  for (const item of items) {
    lines.push(`- ${item}`);
  }
  lines.push('');
}

/**
 * Escapes Markdown and HTML punctuation with backslashes, which GitHub renders as the plain
 * character, and keeps each message on one line.
 */
export function escapeText(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').replace(/[\\`*_{}[\]()<>#+!|@~&-]/g, '\\$&');
}

/** Formats text as inline code, with a fence longer than any backtick run inside it. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${oneLine}${padding}${fence}`;
}
