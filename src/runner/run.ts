import path from 'node:path';

import { migrateSource, mightContainSoap } from '../core/migrate.js';
import { relativeClientSpecifier } from './client-import.js';
import { errorMessage } from './errors.js';
import { processFile, type MigrateFunction, type SoapTextCheck } from './process-file.js';
import type { FileOutcome, RunResult, VendorOutcome } from './run-result.js';
import type { RunSetup } from './run-setup.js';
import { readSourceFile } from './source-file.js';
import { locateToolkit } from './toolkit.js';
import { VENDOR_ENTRY_FILE, isVendoredSource, planVendoring, type VendorSource } from './vendor.js';
import { walkRoots } from './walk.js';

/** Replaceable parts of a run. Tests pass a small fake `migrate`; the CLI uses the defaults. */
export interface RunDependencies {
  migrate: MigrateFunction;
  mightContainSoap: SoapTextCheck;
  /** Returns the built client to vendor. Called only when the client is vendored. */
  vendorSource: () => VendorSource;
  /** Called after each file, for a progress display. */
  onFileDone?: (outcome: FileOutcome, done: number, total: number) => void;
}

export const defaultRunDependencies: RunDependencies = {
  migrate: migrateSource,
  mightContainSoap,
  vendorSource: locateToolkit,
};

/** Message of a file held back because the client it imports could not be vendored. */
export const HELD_BACK_REASON =
  'not written, because it would import the REST client, which could not be vendored';

/**
 * Walks the paths, runs the core on each file and works out the vendored client, writing
 * nothing. The result contains every change, so the caller can print a patch or write them.
 */
export async function planRun(
  setup: RunSetup,
  dependencies: RunDependencies = defaultRunDependencies,
): Promise<RunResult> {
  const { options, vendorDirectory } = setup;
  const clientImport = options.clientImport ?? null;
  const walk = await walkRoots(setup.roots, vendorDirectory === null ? [] : [vendorDirectory]);

  const clientImportFor = (filePath: string): string => {
    if (clientImport !== null) {
      return clientImport;
    }
    // resolveRunSetup sets a vendor folder whenever --client-import is missing.
    return relativeClientSpecifier(filePath, vendorDirectory ?? path.dirname(filePath));
  };

  const files: FileOutcome[] = [];
  for (const entry of walk.files) {
    const outcome = await processFile(entry, {
      cwd: setup.cwd,
      transforms: options.transforms,
      config: options.config,
      fieldMap: options.fieldMap,
      clientImportFor,
      migrate: dependencies.migrate,
      mightContainSoap: dependencies.mightContainSoap,
    });
    files.push(outcome);
    dependencies.onFileDone?.(outcome, files.length, walk.files.length);
  }

  const result: RunResult = {
    dry: options.dry || options.check === true,
    check: options.check === true,
    files,
    notScanned: walk.notScanned.map((root) => ({
      ...root,
      displayPath: path.relative(setup.cwd, root.path) || '.',
    })),
    vendor: null,
    clientImport,
    patchBase: setup.patchBase,
    cwd: setup.cwd,
    errors: [...walk.errors],
    dependencies: [],
    clientPackage: null,
  };

  // An existing vendored folder is also refreshed, so a newer toolkit replaces an older client.
  const needsClient = files.some((outcome) => outcome.report?.importsClient === true);
  if (vendorDirectory !== null && (needsClient || (await hasVendoredEntry(vendorDirectory)))) {
    result.vendor = await planVendorOutcome(vendorDirectory, setup.cwd, dependencies);
    if (result.vendor.error !== null) {
      holdBackClientImports(result);
    }
  }
  return result;
}

async function planVendorOutcome(
  directory: string,
  cwd: string,
  dependencies: RunDependencies,
): Promise<VendorOutcome> {
  const displayPath = path.relative(cwd, directory) || '.';
  try {
    const plan = await planVendoring(directory, dependencies.vendorSource());
    return { directory, displayPath, format: plan.format, changes: plan.changes, error: null };
  } catch (error) {
    return { directory, displayPath, format: null, changes: [], error: errorMessage(error) };
  }
}

/** Marks as failed the rewritten files that import the client, so none imports a missing module. */
export function holdBackClientImports(result: RunResult): void {
  for (const outcome of result.files) {
    if (outcome.status === 'changed' && outcome.report?.importsClient === true) {
      outcome.status = 'failed';
      outcome.failure = { reason: HELD_BACK_REASON, location: null };
      outcome.change = null;
    }
  }
}

async function hasVendoredEntry(directory: string): Promise<boolean> {
  try {
    const entry = await readSourceFile(path.join(directory, VENDOR_ENTRY_FILE));
    return isVendoredSource(entry.text);
  } catch {
    return false;
  }
}
