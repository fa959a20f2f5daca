import { parse as babelParse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import { extname } from 'node:path';

/** Grammar a file is parsed with, chosen from its extension. */
export type Grammar = 'typescript' | 'tsx' | 'javascript';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/** Extensions the migration rewrites. Others are never parsed. */
export const SOURCE_EXTENSIONS: readonly string[] = [
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
];

/**
 * Picks the grammar for a path. `.ts` files are parsed without JSX so that `<T>value` casts
 * parse, and `.tsx` files with JSX. JavaScript gets JSX and Flow, as jscodeshift's babel parser does.
 */
export function grammarForPath(filePath: string): Grammar {
  const extension = extname(filePath).toLowerCase();
  if (TYPESCRIPT_EXTENSIONS.has(extension)) return 'typescript';
  if (extension === '.tsx') return 'tsx';
  return 'javascript';
}

const SHARED_PLUGINS: ParserPlugin[] = [
  'asyncGenerators',
  'bigInt',
  'classPrivateMethods',
  'classPrivateProperties',
  'classProperties',
  'classStaticBlock',
  'decoratorAutoAccessors',
  'doExpressions',
  'dynamicImport',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'functionBind',
  'functionSent',
  'importAttributes',
  'importMeta',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  'topLevelAwait',
];

function pluginsFor(grammar: Grammar): ParserPlugin[] {
  switch (grammar) {
    case 'typescript':
      return [...SHARED_PLUGINS, 'typescript', 'decorators-legacy'];
    case 'tsx':
      return [...SHARED_PLUGINS, 'typescript', 'jsx', 'decorators-legacy'];
    case 'javascript':
      return [...SHARED_PLUGINS, 'jsx', 'flow', 'decorators-legacy'];
  }
}

/** Babel options for a grammar. `tokens` is on because recast needs them to reprint. */
export function babelOptions(grammar: Grammar): ParserOptions {
  return {
    sourceType: 'unambiguous',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowNewTargetOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
    startLine: 1,
    tokens: true,
    plugins: pluginsFor(grammar),
  };
}

/** Returns a parser object in the form jscodeshift and recast accept. */
export function parserFor(grammar: Grammar): { parse(source: string): unknown } {
  const options = babelOptions(grammar);
  return { parse: (source: string) => babelParse(source, options) };
}
