import type { Collection, JSCodeshift } from 'jscodeshift';
import { type AstNode, type NodePath, isMember, memberPropertyName } from './ast.js';

/** The path from a SOAP fault error to the Marketo service exception in node-soap errors. */
const FAULT_PATH = ['root', 'Envelope', 'Body', 'Fault'];
const DETAIL_PATH = [...FAULT_PATH, 'detail', 'serviceException'];

/** `MarketoError` fields that replace SOAP fault fields. */
const SERVICE_EXCEPTION_FIELDS: Readonly<Record<string, string>> = {
  code: 'soapCode',
  message: 'message',
};
const FAULT_FIELDS: Readonly<Record<string, string>> = { faultstring: 'message' };

/** Fields of a node-soap error that have no `MarketoError` counterpart. */
const SOAP_ONLY_ERROR_FIELDS = new Set([
  'faultcode',
  'body',
  'response',
  'root',
  'Fault',
  'detail',
]);

export interface FaultRewriteResult {
  rewritten: number;
  /** Reads that have no REST counterpart and need a marker. */
  unconvertible: NodePath[];
}

export const FAULT_MARKER =
  'this reads a SOAP fault field that REST errors do not have. A MarketoError carries code (REST), soapCode (where one carries over), message and requestId.';

/**
 * Rewrites reads of SOAP fault fields on the error variable `name` inside `scope`, or on any
 * variable when `name` is null: `err.root.Envelope.Body.Fault.detail.serviceException.code`
 * becomes `err.soapCode` (a string, as the SOAP code was), and `...message` and
 * `err.faultstring` become `err.message`. Other fault paths are returned for marking.
 */
export function rewriteFaultReads(
  j: JSCodeshift,
  scope: Collection<unknown>,
  name: string | null,
): FaultRewriteResult {
  const result: FaultRewriteResult = { rewritten: 0, unconvertible: [] };
  dropFaultGuards(j, scope);
  scope.find(j.Identifier).forEach((path: NodePath) => {
    if (name !== null && path.node.name !== name) return;
    const parent = path.parent?.node as AstNode | undefined;
    if (!parent || !isMember(parent) || parent.object !== path.node) return;
    const { top, names } = climb(path);
    if (name === null && !startsWith(names, FAULT_PATH)) return;
    if (
      names.length === DETAIL_PATH.length &&
      startsWith(names, DETAIL_PATH) &&
      aliasServiceException(j, scope, path, top, result)
    )
      return;
    const replacement = replacementField(names);
    if (replacement === undefined) return;
    if (replacement === null) {
      result.unconvertible.push(top);
      return;
    }
    const member = j.memberExpression(
      j.identifier(path.node.name),
      j.identifier(replacement),
    ) as unknown as AstNode;
    top.replace(member);
    result.rewritten++;
  });
  return result;
}

/**
 * `const exception = err.root.Envelope.Body.Fault.detail.serviceException` becomes
 * `const exception = err`, and the alias's `code` reads become `soapCode`.
 */
function aliasServiceException(
  j: JSCodeshift,
  scope: Collection<unknown>,
  errorPath: NodePath,
  top: NodePath,
  result: FaultRewriteResult,
): boolean {
  const declarator = top.parent?.node as AstNode | undefined;
  if (
    declarator?.type !== 'VariableDeclarator' ||
    declarator.init !== top.node ||
    declarator.id.type !== 'Identifier'
  )
    return false;
  const alias = declarator.id.name as string;
  top.replace(j.identifier(errorPath.node.name));
  scope.find(j.Identifier, { name: alias }).forEach((path: NodePath) => {
    const parent = path.parent?.node as AstNode | undefined;
    if (!parent || !isMember(parent) || parent.object !== path.node) return;
    const field = memberPropertyName(parent);
    if (field === null) return;
    const replacement = SERVICE_EXCEPTION_FIELDS[field];
    if (replacement === undefined) {
      result.unconvertible.push(path.parent as NodePath);
      return;
    }
    if (replacement !== field)
      (path.parent as NodePath).replace(
        j.memberExpression(j.identifier(alias), j.identifier(replacement)),
      );
    result.rewritten++;
  });
  return true;
}

/**
 * Removes guards such as `err.root && err.root.Envelope && ...` in front of a rewritten read:
 * `err.root && err.soapCode` becomes `err.soapCode`, and the guard needs no marker.
 */
function dropFaultGuards(j: JSCodeshift, scope: Collection<unknown>): void {
  let changed = true;
  while (changed) {
    changed = false;
    scope.find(j.LogicalExpression, { operator: '&&' }).forEach((path: NodePath) => {
      const left = path.node.left as AstNode;
      if (isFaultGuard(left)) {
        path.replace(path.node.right);
        changed = true;
        return;
      }
      // `err && err.root && ...` parses as `(err && err.root) && ...`: drop the inner guard.
      if (left.type === 'LogicalExpression' && left.operator === '&&' && isFaultGuard(left.right)) {
        path.node.left = left.left;
        changed = true;
      }
    });
  }
}

function isFaultGuard(node: AstNode): boolean {
  const names: string[] = [];
  let current = node;
  while (isMember(current)) {
    const name = memberPropertyName(current);
    if (name === null) return false;
    names.unshift(name);
    current = current.object;
  }
  return (
    current.type === 'Identifier' &&
    names.length > 0 &&
    names.length <= DETAIL_PATH.length &&
    startsWith(DETAIL_PATH, names)
  );
}

/**
 * Returns the MarketoError field for a fault path, null when the path is SOAP-only, and
 * undefined when the path is no fault read at all.
 */
function replacementField(names: string[]): string | null | undefined {
  if (startsWith(names, DETAIL_PATH) && names.length === DETAIL_PATH.length + 1) {
    return SERVICE_EXCEPTION_FIELDS[names[names.length - 1]!] ?? null;
  }
  // `err.root.Envelope.Body.Fault.faultstring` is the same text as `err.faultstring`.
  if (
    startsWith(names, FAULT_PATH) &&
    names.length === FAULT_PATH.length + 1 &&
    names[FAULT_PATH.length]! in FAULT_FIELDS
  ) {
    return FAULT_FIELDS[names[FAULT_PATH.length]!]!;
  }
  // Any other read below `err.root` is part of the SOAP envelope, which REST errors lack.
  if (names[0] === 'root') return null;
  if (names.length === 1 && names[0]! in FAULT_FIELDS) return FAULT_FIELDS[names[0]!]!;
  if (names.length >= 1 && SOAP_ONLY_ERROR_FIELDS.has(names[0]!)) return null;
  return undefined;
}

function startsWith(names: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((segment, index) => names[index] === segment);
}

function climb(path: NodePath): { top: NodePath; names: string[] } {
  const names: string[] = [];
  let top = path;
  for (;;) {
    const parent = top.parent?.node as AstNode | undefined;
    if (!parent || !isMember(parent) || parent.object !== top.node) break;
    const name = memberPropertyName(parent);
    if (name === null) break;
    names.push(name);
    top = top.parent as NodePath;
  }
  return { top, names };
}
