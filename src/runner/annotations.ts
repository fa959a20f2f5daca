import { noFileImports } from './dependencies.js';
import type { JsonReport } from './report.js';
import { plural } from './work.js';

type AnnotationLevel = 'error' | 'warning' | 'notice';

interface AnnotationProperties {
  file?: string;
  line?: number;
  col?: number;
  title: string;
}

/**
 * Formats the run as GitHub Actions workflow commands (`::warning file=...,line=...::message`),
 * one per line, for `--format github`. Failures and run errors become errors. Follow-up
 * markers, ignored calls, skips, files outside Node, credentials and pending changes become
 * warnings, and SOAP packages that can be dropped become notices. Paths are relative to the
 * git top level, which GitHub resolves against the checked-out repository.
 */
export function formatGithubAnnotations(report: JsonReport): string {
  const lines: string[] = [];
  const add = (level: AnnotationLevel, properties: AnnotationProperties, message: string): void => {
    lines.push(formatCommand(level, properties, message));
  };

  for (const file of report.files) {
    if (file.failure !== null) {
      add(
        'error',
        {
          file: file.path,
          ...(file.failure.line === null ? {} : { line: file.failure.line }),
          ...(file.failure.column === null ? {} : { col: file.failure.column }),
          title: 'Marketo migration failed',
        },
        file.failure.reason,
      );
    }
    if (file.status === 'changed' && report.mode !== 'write') {
      add(
        'warning',
        { file: file.path, title: 'Marketo migration pending' },
        file.converted > 0
          ? `The migration would convert ${plural(file.converted, 'call site')} here. Run ` +
              'marketo-soap-to-rest run to write the changes.'
          : 'The migration would change this file. Run marketo-soap-to-rest run to write the ' +
              'changes.',
      );
    }
    for (const marker of file.markers) {
      add(
        'warning',
        {
          file: file.path,
          line: marker.line,
          col: marker.column,
          title: `Marketo migration follow-up (${marker.transform})`,
        },
        marker.message,
      );
    }
    for (const site of file.ignored) {
      add(
        'warning',
        { file: file.path, line: site.line, col: site.column, title: 'SOAP call ignored' },
        `${site.transform} is left as a SOAP call because of a marketo-migrate-ignore comment.`,
      );
    }
    if (file.skipped !== null) {
      add(
        'warning',
        {
          file: file.path,
          line: file.skipped.line,
          col: file.skipped.column,
          title: 'File skipped for safety',
        },
        file.skipped.reason,
      );
    }
    if (file.status === 'outside-node') {
      add(
        'warning',
        { file: file.path, title: 'SOAP calls outside Node' },
        'This file calls mktows but runs outside Node, so a person must migrate it.',
      );
    }
    for (const site of file.secrets) {
      add(
        'warning',
        { file: file.path, line: site.line, col: site.column, title: 'Hard-coded SOAP credential' },
        site.reason,
      );
    }
  }

  for (const dependency of report.dependencies) {
    if (dependency.status === 'removable') {
      add(
        'notice',
        { file: dependency.manifest, title: 'Unused SOAP dependency' },
        `${dependency.packages.join(', ')} can be removed: ${noFileImports(dependency.packages)}` +
          `${report.mode === 'write' ? '' : ' once the migration is written'}. ` +
          `Run ${dependency.removeCommand}.`,
      );
    }
  }
  for (const error of report.errors) {
    add('error', { title: 'Marketo migration error' }, error);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function formatCommand(
  level: AnnotationLevel,
  properties: AnnotationProperties,
  message: string,
): string {
  const parts: string[] = [];
  if (properties.file !== undefined) {
    parts.push(`file=${escapeProperty(properties.file)}`);
  }
  if (properties.line !== undefined) {
    parts.push(`line=${properties.line}`);
  }
  if (properties.col !== undefined) {
    parts.push(`col=${properties.col}`);
  }
  parts.push(`title=${escapeProperty(properties.title)}`);
  return `::${level} ${parts.join(',')}::${escapeData(message)}`;
}

/** Escapes a command's message as the Actions runner reads it: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as `escapeData`, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
