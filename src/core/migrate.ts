import jscodeshift, { type Collection, type JSCodeshift } from 'jscodeshift';
import { recipeFor } from '../../transforms/index.js';
import {
  type AstNode,
  CodeBuilder,
  type NodePath,
  enclosingStatement,
  isMember,
  memberPropertyName,
  nodeLocation,
} from './ast.js';
import {
  type CallSite,
  findCallSites,
  findIndirectUses,
  findPromisifiedOperations,
} from './call-sites.js';
import { findTargetWorkspace, rewriteClientSetup } from './client-setup.js';
import { findOrphanSigners } from './signers.js';
import { convertCallSite } from './convert-call.js';
import { FAULT_MARKER, rewriteFaultReads } from './faults.js';
import { detectModuleStyle, ensureNamedImports, findImportAnchor } from './imports.js';
import { addMarker, hasMarker, ignoredLines, scanMarkers } from './markers.js';
import { SOAP_OPERATIONS, isSoapOperation } from './operations.js';
import { type Grammar, grammarForPath, parserFor } from './parse.js';
import type { RecipeContext } from './recipe.js';
import { SoapClientModel } from './soap-clients.js';
import { detectFormat, splitByteOrderMark } from './source-format.js';
import { findXmlRequests } from './xml-requests.js';
import {
  type FileReport,
  type MigrateOptions,
  type MigrateResult,
  OutputParseError,
  type SiteRecord,
  SourceParseError,
} from './types.js';

const QUICK_CHECK = new RegExp(
  `mktows|soap|MARKETO-MIGRATE|AuthenticationHeader|${SOAP_OPERATIONS.join('|')}`,
);

/** Returns false when the text cannot contain a Marketo SOAP call, so the file need not be parsed. */
export function mightContainSoap(source: string): boolean {
  return QUICK_CHECK.test(source);
}

/** Node-soap client members that have no REST counterpart and that a person must remove. */
const SOAP_ONLY_MEMBERS = new Set([
  'describe',
  'lastRequest',
  'lastResponse',
  'lastResponseHeaders',
  'lastEndpoint',
  'lastRequestHeaders',
  'wsdl',
  'on',
  'setSOAPAction',
  'getLastRequest',
]);

interface PendingMarker {
  path: NodePath;
  message: string;
}

/**
 * Migrates one file's Marketo SOAP usage to the REST client. Returns the input unchanged
 * when there is nothing to do or when the file cannot be migrated safely as a whole.
 */
export function migrateSource(source: string, options: MigrateOptions): MigrateResult {
  const unchanged = (report: Partial<FileReport> = {}): MigrateResult => ({
    output: source,
    changed: false,
    report: { ...emptyReport(), markers: scanMarkers(source, source), ...report },
  });
  if (!mightContainSoap(source)) return unchanged();

  const { bom, body } = splitByteOrderMark(source);
  const grammar = grammarForPath(options.filePath);
  const j = jscodeshift.withParser(parserFor(grammar) as never);
  const root = parseSource(j, body, options.filePath);
  const selected = new Set([...options.transforms, 'client']);
  const model = new SoapClientModel(j, root);
  const promisified = findPromisifiedOperations(j, root, model);
  const sites = [
    ...findCallSites(j, root, model).filter((site) => site.receiverKind !== 'other'),
    ...promisified.sites,
  ];
  const ignoredAt = ignoredLines(allComments(root));

  const ignored: SiteRecord[] = [];
  const ignoredPositions: number[] = [];
  const active: CallSite[] = [];
  for (const site of sites) {
    const line = nodeLocation(site.path.node).line;
    const statementLine = nodeLocation(enclosingStatement(site.path)?.node ?? site.path.node).line;
    if (ignoredAt.has(line - 1) || ignoredAt.has(statementLine - 1)) {
      ignored.push({
        line,
        column: nodeLocation(site.path.node).column,
        transform: site.operation,
        reason: 'marketo-migrate-ignore',
      });
      if (site.receiverKind === 'soap') ignoredPositions.push(site.path.node.start as number);
      continue;
    }
    active.push(site);
  }

  const skipped = findSkipReason(active, selected);
  if (skipped) return unchanged({ skipped, ignored });

  const format = detectFormat(body, stringLiteralRaws(j, root));
  const builder = new CodeBuilder(grammar, format.quote);
  const context: RecipeContext = {
    grammar,
    builder,
    config: options.config ?? {},
    fieldMap: options.fieldMap ?? {},
    targetWorkspace: findTargetWorkspace(j, root, model),
    resolve: (node) => node ?? null,
  };
  const markers: PendingMarker[] = [];
  const imports: string[] = [];
  const convertedByTransform: Record<string, number> = {};
  const count = (transform: string, sites: number): void => {
    if (sites > 0) convertedByTransform[transform] = (convertedByTransform[transform] ?? 0) + sites;
  };

  // Later calls first, so that a call nested in another call's callback is rewritten
  // before the outer call moves that callback into its new expression.
  for (const site of [...active].sort(
    (a, b) => (b.path.node.start as number) - (a.path.node.start as number),
  )) {
    const recipe = recipeFor(site.operation);
    if (!recipe || !selected.has(site.operation)) continue;
    // A call on an untraced receiver that already has a marker was flagged by an earlier run.
    if (site.receiverKind === 'unknown' && hasMarker(site.path)) continue;
    if (site.receiverKind === 'unknown' && !site.soapShapedArguments) {
      markers.push({
        path: site.path,
        message: `possibly SOAP: ${site.operation} is called on an object that could not be traced to a SOAP client. If it is the Marketo SOAP client, migrate this call by hand; otherwise add // marketo-migrate-ignore above it.`,
      });
      continue;
    }
    const conversion = convertCallSite(j, site, recipe, context);
    if (!conversion.converted) {
      markers.push({ path: site.path, message: conversion.reason });
      continue;
    }
    count(site.operation, 1);
    imports.push(...conversion.imports);
    markers.push(...conversion.markers);
    if (site.receiverKind === 'unknown') {
      markers.push({
        path: site.path,
        message: `${site.operation} was converted because its arguments are SOAP-shaped, but the object it is called on could not be traced. Make sure it is the REST client.`,
      });
    }
  }

  removeUnusedPromisified(j, root, promisified.declarators);
  for (const use of findIndirectUses(j, root, model, promisified.declarators)) {
    if (use.operation && !selected.has(use.operation)) continue;
    markers.push({
      path: use.path,
      message: `this ${use.reason}, which cannot be rewritten in place. Call the REST client method instead.`,
    });
  }
  const signers = findOrphanSigners(j, root);
  for (const request of findXmlRequests(j, root)) {
    if (request.operation && !selected.has(request.operation)) continue;
    // A signer gets one marker of its own; the header XML inside it needs no second one.
    if (
      !request.operation &&
      signers.some((signer) => signer.nodes.some((node) => isInside(request.path, node)))
    )
      continue;
    markers.push({ path: request.path, message: request.message });
  }
  markSoapOnlyMembers(j, root, model, markers);
  const faults = rewriteFaultReads(j, root, null);
  for (const path of faults.unconvertible) markers.push({ path, message: FAULT_MARKER });

  const anchor = findImportAnchor(
    root,
    model.moduleBindings.map((binding) => binding.path.node),
  );
  const secrets: SiteRecord[] = [];
  if (model.usesSoapPackage || Object.keys(convertedByTransform).length > 0) {
    const setup = rewriteClientSetup(j, root, model, builder, ignoredPositions);
    count('client', setup.converted);
    imports.push(...setup.imports);
    secrets.push(...setup.secrets);
    markers.push(...setup.markers);
  }
  const programBody = ((root.get().node as AstNode).program as AstNode).body as AstNode[];
  for (const signer of signers) {
    // Client setup may have removed the signer already, when only the SOAP client used it.
    if (!programBody.includes(signer.path.node)) continue;
    markers.push({
      path: signer.path,
      message:
        'this signs the SOAP AuthenticationHeader, which REST does not use. Delete it once no file imports it.',
    });
  }

  for (const marker of markers) addMarker(j, builder, marker.path, marker.message);
  ensureNamedImports(
    root,
    builder,
    options.clientImport,
    imports,
    detectModuleStyle(j, root, grammar),
    anchor,
  );

  const printed = repairDirectives(
    root.toSource({
      quote: format.quote,
      tabWidth: format.tabWidth,
      useTabs: format.useTabs,
      lineTerminator: format.lineTerminator,
    }),
    root,
    body,
  );
  if (printed === body) return unchanged({ ignored, secrets });
  const output = bom + printed;
  reparse(j, printed, options.filePath);
  return {
    output,
    changed: true,
    report: {
      ...emptyReport(),
      converted: Object.values(convertedByTransform).reduce((sum, sites) => sum + sites, 0),
      convertedByTransform,
      ignored,
      secrets,
      markers: scanMarkers(output, source),
      importsClient: imports.length > 0,
    },
  };
}

/**
 * recast 0.23 prints `'use strict';;` when the first statement after a directive is removed
 * or replaced. This puts the single semicolon back for the file's own directives.
 */
function repairDirectives(printed: string, root: Collection<unknown>, original: string): string {
  const directives =
    (((root.get().node as AstNode).program as AstNode).directives as AstNode[] | undefined) ?? [];
  let repaired = printed;
  for (const directive of directives) {
    const raw =
      (directive.value?.extra?.raw as string | undefined) ?? JSON.stringify(directive.value?.value);
    if (!original.includes(`${raw};;`)) repaired = repaired.replace(`${raw};;`, `${raw};`);
  }
  return repaired;
}

/** Raw text of the string literals outside JSX attributes, whose quotes follow JSX's own habit. */
function stringLiteralRaws(j: JSCodeshift, root: Collection<unknown>): string[] {
  return root
    .find(j.StringLiteral)
    .filter((path: NodePath) => path.parent?.node.type !== 'JSXAttribute')
    .nodes()
    .map((node: AstNode) => (node.extra?.raw as string | undefined) ?? '');
}

function isInside(path: NodePath, ancestor: AstNode): boolean {
  const start = path.node.start as number;
  return (ancestor.start as number) <= start && start < (ancestor.end as number);
}

function emptyReport(): FileReport {
  return {
    converted: 0,
    convertedByTransform: {},
    markers: [],
    ignored: [],
    secrets: [],
    skipped: null,
    importsClient: false,
  };
}

function parseSource(j: JSCodeshift, body: string, filePath: string): Collection<unknown> {
  try {
    return j(body);
  } catch (error) {
    const location = (error as { loc?: { line: number; column: number } }).loc;
    throw new SourceParseError(
      filePath,
      location ? { line: location.line, column: location.column + 1 } : null,
      (error as Error).message,
    );
  }
}

function reparse(j: JSCodeshift, output: string, filePath: string): void {
  try {
    j(output);
  } catch (error) {
    throw new OutputParseError(filePath, (error as Error).message);
  }
}

/** Comments of the file, read from Babel's token list because recast moves them onto nodes. */
function allComments(root: Collection<unknown>): AstNode[] {
  const tokens = ((root.get().node as AstNode).tokens as AstNode[] | undefined) ?? [];
  return tokens.filter((token) => token.type === 'CommentLine' || token.type === 'CommentBlock');
}

/** Removes `const getLead = util.promisify(client.getLead)` once every call of it was rewritten. */
function removeUnusedPromisified(
  j: JSCodeshift,
  root: Collection<unknown>,
  declarators: readonly NodePath[],
): void {
  for (const declarator of declarators) {
    const name = declarator.node.id.name as string;
    const declaration = declarator.node as AstNode;
    const stillCalled =
      root
        .find(j.Identifier, { name })
        .filter(
          (path: NodePath) =>
            !isInside(path, declaration) &&
            !(isMember(path.parent?.node) && path.parent.node.property === path.node),
        )
        .size() > 0;
    if (stillCalled) continue;
    const statement = declarator.parent as NodePath;
    if (statement.node.declarations.length === 1) statement.prune();
    else declarator.prune();
  }
}

/**
 * Returns why the file must stay unchanged, or null. A file whose SOAP client also serves an
 * operation this run does not convert would be left calling SOAP methods on a REST client.
 */
function findSkipReason(
  sites: readonly CallSite[],
  selected: ReadonlySet<string>,
): SiteRecord | null {
  for (const site of sites) {
    if (site.receiverKind !== 'soap') continue;
    const recipe = recipeFor(site.operation);
    if (recipe && selected.has(site.operation)) continue;
    const { line, column } = nodeLocation(site.path.node);
    const reason = recipe
      ? `the file also calls ${site.operation}, which this run does not convert; run with --transform ${site.operation} too`
      : `the file also calls ${site.operation}, which this version cannot migrate yet`;
    return { line, column, transform: site.operation, reason };
  }
  return null;
}

function markSoapOnlyMembers(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  markers: PendingMarker[],
): void {
  root.find(j.MemberExpression).forEach((path: NodePath) => {
    const name = memberPropertyName(path.node);
    if (name === null || !SOAP_ONLY_MEMBERS.has(name) || !model.isClient(path.node.object)) return;
    if (
      isMember(path.parent?.node) &&
      (path.parent.node as AstNode).object === path.node &&
      isSoapOperation(name)
    )
      return;
    markers.push({
      path,
      message: `${name} is a node-soap client member with no REST counterpart. Remove this use, or log err.requestId from REST errors instead.`,
    });
  });
}

export type { Grammar };
