import type { MigrateOptions, MigrateResult } from './types.js';

// Placeholder: the real implementation replaces this file.
export function migrateSource(source: string, options: MigrateOptions): MigrateResult {
  void options;
  return {
    output: source,
    changed: false,
    report: { converted: 0, markers: [], ignored: [], secrets: [], skipped: null, importsClient: false },
  };
}

/** Returns false when the text cannot contain a Marketo SOAP call, so the file need not be parsed. */
export function mightContainSoap(source: string): boolean {
  return /mktows|soap|getLead|syncLead|MARKETO-MIGRATE/i.test(source);
}
