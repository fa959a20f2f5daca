import path from 'node:path';
import { SOURCE_EXTENSIONS } from '../core/parse.js';

// The core picks the parser from the extension, so it owns the list of extensions it migrates.
export { SOURCE_EXTENSIONS };

/**
 * Extensions of JavaScript that runs outside Node: Marketo and Salesforce server-side
 * JavaScript (`.sjs`, `.ssjs`), SAP XS (`.xsjs`, `.xsjslib`), Google Apps Script (`.gs`)
 * and Mozilla modules (`.jsm`). The REST client cannot be imported there, so such files
 * that call mktows are listed for a person instead of being rewritten.
 */
export const OUTSIDE_NODE_EXTENSIONS: readonly string[] = [
  '.sjs',
  '.ssjs',
  '.xsjs',
  '.xsjslib',
  '.gs',
  '.jsm',
];

export type FileKind = 'source' | 'outside-node';

/** Returns how the runner treats a file with this name, or null when it is not looked at. */
export function classifyFile(filePath: string): FileKind | null {
  // Source extensions match case-sensitively, as Node and TypeScript resolve them.
  const extension = path.extname(filePath);
  if (SOURCE_EXTENSIONS.includes(extension)) {
    return 'source';
  }
  if (OUTSIDE_NODE_EXTENSIONS.includes(extension.toLowerCase())) {
    return 'outside-node';
  }
  return null;
}
