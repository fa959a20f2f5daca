import type { FileReport, SourceLocation } from '../core/types.js';
import type { ClientPackageAdvice, DependencyOutcome } from './dependencies.js';
import type { FileKind } from './extensions.js';
import type { FileChange } from './file-change.js';
import type { ModuleFormat } from './package-json.js';
import type { NotScannedRoot } from './walk.js';

/**
 * Outcome of one file:
 * - `not-soap`: the text check found nothing that could be a SOAP call, so it was not parsed.
 * - `unchanged`: migrated, and the output equals the input.
 * - `changed`: the output differs and is written (or printed in the patch).
 * - `skipped`: left unchanged on purpose because a construct could not be migrated safely.
 * - `failed`: could not be read, parsed, transformed or written. The file is left as it is.
 * - `outside-node`: runs outside Node and mentions mktows, so a person must migrate it.
 * - `vendored-client`: a file of a vendored REST client, recognised by its header.
 */
export type FileStatus =
  'not-soap' | 'unchanged' | 'changed' | 'skipped' | 'failed' | 'outside-node' | 'vendored-client';

export interface FileFailure {
  /** Description of the failure, without the file path. */
  reason: string;
  location: SourceLocation | null;
}

export interface FileOutcome {
  /** Absolute path. */
  path: string;
  /** Path relative to the current directory, for messages. */
  displayPath: string;
  kind: FileKind;
  status: FileStatus;
  /** The core's report, when the core ran on the file. */
  report: FileReport | null;
  failure: FileFailure | null;
  /** The rewrite, when `status` is `changed`. */
  change: FileChange | null;
  /**
   * SOAP packages (`soap`, `strong-soap`, `node-marketo-soap`) the file imports, in the input
   * and in the output. Both lists are equal when the file is not rewritten.
   */
  soapImports: { before: string[]; after: string[] };
}

export interface VendorOutcome {
  /** Absolute path of the vendored folder. */
  directory: string;
  displayPath: string;
  /** Null when vendoring failed before the format was known. */
  format: ModuleFormat | null;
  /** Files to create, replace or delete. Empty when the folder is up to date. */
  changes: FileChange[];
  /** Reason the client could not be vendored, or null. */
  error: string | null;
}

/** A path given on the command line that was not looked into, with its path for messages. */
export interface NotScannedPath extends NotScannedRoot {
  displayPath: string;
}

export interface RunResult {
  /** True when nothing is written: `--dry` or `--check`. */
  dry: boolean;
  /** True for `--check`. `dry` is then true too. */
  check: boolean;
  files: FileOutcome[];
  notScanned: NotScannedPath[];
  /** Null when nothing needed the client, or `--client-import` was given. */
  vendor: VendorOutcome | null;
  /** The `--client-import` value, or null. */
  clientImport: string | null;
  /** Directory the patch paths are relative to. */
  patchBase: string;
  /** Real path of the current directory, which display paths are relative to. */
  cwd: string;
  /** Errors that concern the run rather than one file. */
  errors: string[];
  /** The `package.json` files that list SOAP packages, filled in after the files are planned. */
  dependencies: DependencyOutcome[];
  /** With `--client-import` of a package name: the package to add, else null. */
  clientPackage: ClientPackageAdvice | null;
}

/** Returns every change of the run, vendored files included, for the writer or the patch. */
export function collectChanges(result: RunResult): FileChange[] {
  const changes: FileChange[] = [];
  for (const outcome of result.files) {
    if (outcome.status === 'changed' && outcome.change !== null) {
      changes.push(outcome.change);
    }
  }
  if (result.vendor !== null && result.vendor.error === null) {
    changes.push(...result.vendor.changes);
  }
  for (const dependency of result.dependencies) {
    if (dependency.change !== null) {
      changes.push(dependency.change);
    }
  }
  return changes;
}
