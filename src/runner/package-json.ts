import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type ModuleFormat = 'esm' | 'cjs';

/**
 * Returns the directory of the nearest `package.json` at or above `startDirectory`, or null.
 * The search stops after `stopDirectory` when one is given, so it does not leave the work tree.
 */
export async function findNearestPackageDirectory(
  startDirectory: string,
  stopDirectory: string | null,
): Promise<string | null> {
  let directory = path.resolve(startDirectory);
  for (;;) {
    if ((await readPackageJson(directory)) !== undefined) {
      return directory;
    }
    const parent = path.dirname(directory);
    if (parent === directory || (stopDirectory !== null && directory === stopDirectory)) {
      return null;
    }
    directory = parent;
  }
}

/**
 * Returns the module format Node gives `.js` files in `directory`: ES module when the nearest
 * `package.json` at or above it has `"type": "module"`, else CommonJS.
 *
 * NOTE: one format is vendored per folder. A `.cjs` file in an ES module package then requires
 * the ES module build, which needs Node 20.19 or later, and an `.mjs` file in a CommonJS package
 * imports the CommonJS build through Node's interop.
 */
export async function moduleFormatOf(directory: string): Promise<ModuleFormat> {
  let current = path.resolve(directory);
  for (;;) {
    const manifest = await readPackageJson(current);
    if (manifest !== undefined) {
      return isRecord(manifest) && manifest['type'] === 'module' ? 'esm' : 'cjs';
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return 'cjs';
    }
    current = parent;
  }
}

/**
 * Returns the parsed `package.json` of `directory`, undefined when there is none, or null
 * when it is not valid JSON (Node then fails to load the package, so it still counts).
 */
export async function readPackageJson(directory: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(directory, 'package.json'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      return undefined;
    }
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
