import path from 'node:path';

import {
  OutputParseError,
  SourceParseError,
  type MigrateOptions,
  type MigrateResult,
  type MigrationConfig,
} from '../core/types.js';
import { findSoapPackageImports } from './dependencies.js';
import { errorMessage } from './errors.js';
import type { FileFailure, FileOutcome } from './run-result.js';
import { readSourceFile } from './source-file.js';
import { isVendoredSource } from './vendor.js';
import type { WalkEntry } from './walk.js';

/** The options the runner passes to the core, `--field-map` included. */
export type RunnerMigrateOptions = MigrateOptions;

export type MigrateFunction = (source: string, options: RunnerMigrateOptions) => MigrateResult;
export type SoapTextCheck = (source: string) => boolean;

export interface FileContext {
  cwd: string;
  transforms: readonly string[];
  config: MigrationConfig | undefined;
  fieldMap: Record<string, string> | undefined;
  /** Returns the specifier that the file at this absolute path imports the client from. */
  clientImportFor: (filePath: string) => string;
  migrate: MigrateFunction;
  mightContainSoap: SoapTextCheck;
}

/**
 * Reads one file and runs the core on it, without writing. Every error is caught and
 * returned as a `failed` outcome, so the run goes on with the other files.
 */
export async function processFile(entry: WalkEntry, context: FileContext): Promise<FileOutcome> {
  const displayPath = path.relative(context.cwd, entry.path) || path.basename(entry.path);
  const outcome: FileOutcome = {
    path: entry.path,
    displayPath,
    kind: entry.kind,
    status: 'not-soap',
    report: null,
    failure: null,
    change: null,
    soapImports: { before: [], after: [] },
  };
  const fail = (reason: string, location: FileFailure['location'] = null): FileOutcome => ({
    ...outcome,
    status: 'failed',
    failure: { reason, location },
  });

  let source;
  try {
    source = await readSourceFile(entry.path);
  } catch (error) {
    return fail(`read failed: ${errorMessage(error)}`);
  }

  if (isVendoredSource(source.text)) {
    return { ...outcome, status: 'vendored-client' };
  }
  if (entry.kind === 'source') {
    const imported = findSoapPackageImports(source.text);
    outcome.soapImports = { before: imported, after: imported };
  }
  if (entry.kind === 'outside-node') {
    return /mktows/i.test(source.text) ? { ...outcome, status: 'outside-node' } : outcome;
  }
  if (!context.mightContainSoap(source.text)) {
    return outcome;
  }
  if (!source.validUtf8) {
    return fail('not valid UTF-8. Convert the file to UTF-8 to migrate it.');
  }

  let result: MigrateResult;
  try {
    result = context.migrate(source.text, {
      filePath: displayPath,
      transforms: context.transforms,
      clientImport: context.clientImportFor(entry.path),
      ...(context.config === undefined ? {} : { config: context.config }),
      ...(context.fieldMap === undefined ? {} : { fieldMap: context.fieldMap }),
    });
  } catch (error) {
    return fail(...describeMigrateError(error, displayPath));
  }

  const report = result.report;
  if (report.skipped !== null) {
    return { ...outcome, status: 'skipped', report };
  }
  if (!result.changed || result.output === source.text) {
    return { ...outcome, status: 'unchanged', report };
  }
  return {
    ...outcome,
    status: 'changed',
    report,
    change: { path: entry.path, before: source.text, after: result.output, mode: source.mode },
    soapImports: { ...outcome.soapImports, after: findSoapPackageImports(result.output) },
  };
}

/** Splits a core error into a reason without the file path and a location. */
function describeMigrateError(
  error: unknown,
  displayPath: string,
): [string, FileFailure['location']] {
  if (error instanceof SourceParseError) {
    const location = error.location;
    const prefix = `${error.filePath}${location ? `:${location.line}:${location.column}` : ''}: `;
    return [stripPrefix(error.message, prefix), location];
  }
  if (error instanceof OutputParseError) {
    return [stripPrefix(error.message, `${error.filePath}: `), null];
  }
  const message = stripPrefix(errorMessage(error), `${displayPath}: `);
  return [`transform failed: ${message}`, null];
}

function stripPrefix(message: string, prefix: string): string {
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
