import path from 'node:path';

import { toPosix } from './paths.js';
import { VENDOR_ENTRY_FILE } from './vendor.js';

/**
 * Returns the import specifier of the vendored client's entry file as seen from `filePath`,
 * with forward slashes and always starting with `./` or `../`, as Node requires for a
 * relative specifier.
 */
export function relativeClientSpecifier(filePath: string, vendorDirectory: string): string {
  const relative = toPosix(
    path.relative(path.dirname(filePath), path.join(vendorDirectory, VENDOR_ENTRY_FILE)),
  );
  return relative.startsWith('../') ? relative : `./${relative}`;
}
