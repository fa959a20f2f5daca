import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The npm name of this toolkit, used to find its own package root. */
export const TOOLKIT_NAME = 'marketo-soap-to-rest';

export interface ToolkitPackage {
  /** Directory of the toolkit's `package.json`. */
  root: string;
  version: string;
  /** Built REST client, ES module form, with the `.d.ts` files (written by `npm run build`). */
  esmClientDirectory: string;
  /** Built REST client, CommonJS form. */
  cjsClientDirectory: string;
}

let cached: ToolkitPackage | undefined;

/**
 * Finds the toolkit's package root by walking up from this module to the `package.json`
 * named `marketo-soap-to-rest`. That works from `dist/src/runner/` in an installed package
 * and from `src/runner/` when the tests run the TypeScript sources.
 */
export function locateToolkit(): ToolkitPackage {
  if (cached !== undefined) {
    return cached;
  }
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifestPath = path.join(directory, 'package.json');
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === TOOLKIT_NAME && typeof manifest.version === 'string') {
        cached = {
          root: directory,
          version: manifest.version,
          esmClientDirectory: path.join(directory, 'dist', 'vendor', 'esm'),
          cjsClientDirectory: path.join(directory, 'dist', 'vendor', 'cjs'),
        };
        return cached;
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(
        `Cannot find the ${TOOLKIT_NAME} package.json above ${fileURLToPath(import.meta.url)}.`,
      );
    }
    directory = parent;
  }
}
