import path from 'node:path';

import type { FileReport, MarkerRecord, SiteRecord } from '../core/types.js';
import type { DependencyStatus } from './dependencies.js';
import type { ExitCodeValue } from './exit-codes.js';
import type { FileOutcome, FileStatus, RunResult } from './run-result.js';
import { toPosix } from './paths.js';
import { countOutcomes } from './summary.js';
import { REPORTED_STATUSES, exitCodeOf, hasWorkRemaining } from './work.js';

/** Version of the `--report` JSON layout. It changes when a field is removed or changes meaning. */
export const REPORT_SCHEMA_VERSION = 1;

export type RunMode = 'write' | 'dry' | 'check';

/** The `--report` document. `docs/report-schema.md` describes each field. */
export interface JsonReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  mode: RunMode;
  exitCode: ExitCodeValue;
  workRemaining: boolean;
  totals: ReportTotals;
  transforms: TransformTotals[];
  files: FileEntry[];
  notScanned: { path: string; reason: string }[];
  client: ClientEntry;
  dependencies: DependencyEntry[];
  errors: string[];
}

export interface ReportTotals {
  filesScanned: number;
  filesChanged: number;
  callSitesConverted: number;
  markers: number;
  newMarkers: number;
  ignored: number;
  skipped: number;
  failed: number;
  outsideNode: number;
  secrets: number;
}

export interface TransformTotals {
  name: string;
  /** Null while the core reports conversions per file only. */
  converted: number | null;
  markers: number;
  ignored: number;
  skipped: number;
}

export interface FileEntry {
  path: string;
  status: Exclude<FileStatus, 'not-soap' | 'vendored-client'>;
  converted: number;
  convertedByTransform: Record<string, number> | null;
  markers: MarkerRecord[];
  ignored: SiteRecord[];
  secrets: SiteRecord[];
  skipped: SiteRecord | null;
  failure: { reason: string; line: number | null; column: number | null } | null;
}

export interface ClientEntry {
  /** Vendored folder relative to the report's base, or null with `--client-import`. */
  vendorDirectory: string | null;
  format: 'esm' | 'cjs' | null;
  filesToWrite: number;
  import: string | null;
  package: {
    name: string;
    manifests: { path: string; listed: boolean; command: string }[];
  } | null;
  error: string | null;
}

export interface DependencyEntry {
  manifest: string;
  packages: string[];
  status: DependencyStatus;
  importedBy: string[];
  removeCommand: string;
  refreshCommand: string;
  lockFile: string | null;
}

export interface ReportContext {
  toolName: string;
  toolVersion: string;
  /** Transform names of the run, `client` first, as handed to the core. */
  transforms: readonly string[];
}

/**
 * Builds the `--report` document of a finished run. Paths are relative to the patch base (the
 * git top level of the first path, else the current directory), with forward slashes, as in
 * the patch and the workflow annotations.
 */
export function buildReport(result: RunResult, context: ReportContext): JsonReport {
  const counts = countOutcomes(result);
  const relative = (absolutePath: string): string =>
    toPosix(path.relative(result.patchBase, absolutePath)) || '.';
  const files = result.files
    .filter((outcome) => outcome.status !== 'not-soap' && outcome.status !== 'vendored-client')
    .map((outcome) => fileEntry(outcome, relative(outcome.path)));

  const newMarkers = files.reduce(
    (sum, file) => sum + file.markers.filter((marker) => !marker.existing).length,
    0,
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: context.toolName, version: context.toolVersion },
    mode: runModeOf(result),
    exitCode: exitCodeOf(result),
    workRemaining: hasWorkRemaining(result),
    totals: {
      filesScanned: counts.scanned,
      filesChanged: counts.changed,
      callSitesConverted: counts.converted,
      markers: counts.markers.length,
      newMarkers,
      ignored: counts.ignored.length,
      skipped: counts.skipped.length,
      failed: counts.failed.length,
      outsideNode: counts.outsideNode.length,
      secrets: counts.secrets.length,
    },
    transforms: totalsByTransform(files, context.transforms),
    files,
    notScanned: result.notScanned.map((root) => ({
      path: relative(root.path),
      reason: root.reason,
    })),
    client: clientEntry(result, relative),
    dependencies: result.dependencies.map((dependency) => ({
      manifest: relative(dependency.manifestPath),
      packages: dependency.packages,
      status: dependency.status,
      importedBy: dependency.importedBy.map((file) => relative(path.resolve(result.cwd, file))),
      removeCommand: dependency.removeCommand,
      refreshCommand: dependency.refreshCommand,
      lockFile:
        dependency.lockFile === null
          ? null
          : relative(path.resolve(result.cwd, dependency.lockFile)),
    })),
    errors: runErrorsOf(result),
  };
}

/** Formats the report as the `--report` file: indented JSON with a final newline. */
export function formatJsonReport(report: JsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function runModeOf(result: RunResult): RunMode {
  if (result.check) {
    return 'check';
  }
  return result.dry ? 'dry' : 'write';
}

function fileEntry(outcome: FileOutcome, filePath: string): FileEntry {
  const report = outcome.report;
  const reported = report !== null && REPORTED_STATUSES.has(outcome.status);
  const changed = outcome.status === 'changed';
  const failure = outcome.failure;
  return {
    path: filePath,
    status: outcome.status as FileEntry['status'],
    converted: changed ? (report?.converted ?? 0) : 0,
    convertedByTransform: changed && report !== null ? convertedByTransformOf(report) : null,
    markers: reported ? report.markers.map((marker) => ({ ...marker })) : [],
    ignored: reported ? report.ignored.map((site) => ({ ...site })) : [],
    secrets: report === null ? [] : report.secrets.map((site) => ({ ...site })),
    skipped: outcome.status === 'skipped' && report?.skipped != null ? { ...report.skipped } : null,
    failure:
      failure === null
        ? null
        : {
            reason: failure.reason,
            line: failure.location?.line ?? null,
            column: failure.location?.column ?? null,
          },
  };
}

/** Returns the core's conversions per transform, or null for a fake migrate that omits them. */
function convertedByTransformOf(report: FileReport): Record<string, number> | null {
  return (report.convertedByTransform as Record<string, number> | undefined) ?? null;
}

function totalsByTransform(
  files: readonly FileEntry[],
  transforms: readonly string[],
): TransformTotals[] {
  const totals = new Map<string, TransformTotals>();
  const entryOf = (name: string): TransformTotals => {
    let entry = totals.get(name);
    if (entry === undefined) {
      entry = { name, converted: 0, markers: 0, ignored: 0, skipped: 0 };
      totals.set(name, entry);
    }
    return entry;
  };
  for (const name of transforms) {
    entryOf(name);
  }

  let breakdownComplete = true;
  for (const file of files) {
    for (const marker of file.markers) {
      entryOf(marker.transform).markers += 1;
    }
    for (const site of file.ignored) {
      entryOf(site.transform).ignored += 1;
    }
    if (file.skipped !== null) {
      entryOf(file.skipped.transform).skipped += 1;
    }
    if (file.converted > 0 && file.convertedByTransform === null) {
      breakdownComplete = false;
    }
    for (const [name, count] of Object.entries(file.convertedByTransform ?? {})) {
      const entry = entryOf(name);
      entry.converted = (entry.converted ?? 0) + count;
    }
  }
  const list = [...totals.values()];
  if (!breakdownComplete) {
    for (const entry of list) {
      entry.converted = null;
    }
  }
  return list;
}

function clientEntry(result: RunResult, relative: (absolutePath: string) => string): ClientEntry {
  const vendor = result.vendor;
  const advice = result.clientPackage;
  return {
    vendorDirectory: vendor === null ? null : relative(vendor.directory),
    format: vendor?.format ?? null,
    filesToWrite: vendor === null || vendor.error !== null ? 0 : vendor.changes.length,
    import: result.clientImport,
    package:
      advice === null
        ? null
        : {
            name: advice.name,
            manifests: advice.manifests.map((manifest) => ({
              path: relative(path.resolve(result.cwd, manifest.displayPath)),
              listed: manifest.listed,
              command: manifest.addCommand,
            })),
          },
    error: vendor?.error ?? null,
  };
}

function runErrorsOf(result: RunResult): string[] {
  const errors = [...result.errors];
  if (result.vendor?.error) {
    errors.push(`the REST client was not vendored: ${result.vendor.error}`);
  }
  return errors;
}
