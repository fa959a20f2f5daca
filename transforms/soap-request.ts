/**
 * Readers for the request parts that several SOAP operations share (lead keys, program tokens,
 * name pairs), and the code templates that replace them.
 */
import {
  type AstNode,
  type NodePath,
  hasDynamicKeys,
  isMember,
  memberOf,
  propertyValue,
  repeatedChildren,
  staticString,
} from '../src/core/ast.js';
import { FILTER_TYPE_BY_KEY_TYPE } from '../src/core/data/lead-keys.js';
import type { RecipeContext, Unconvertible } from '../src/core/recipe.js';

// Recipes import memberOf from here with the other request helpers.
export { memberOf };

/** Collects the original nodes that a template refers to as `__slot0`, `__slot1`, ... */
export class SlotList {
  readonly nodes: AstNode[] = [];

  add(node: AstNode): string {
    return `__slot${this.nodes.push(node) - 1}`;
  }
}

/** A SOAP LeadKey whose key type is fixed in the source. */
export interface StaticLeadKey {
  keyType: string;
  keyValue: AstNode;
}

/**
 * Lead keys as the request gives them: each key with a literal key type, or one expression
 * (a variable, a `map` call) that yields SOAP LeadKeys at run time.
 */
export type LeadKeyList =
  { kind: 'static'; keys: StaticLeadKey[] } | { kind: 'runtime'; node: AstNode };

/** The lead ids for a REST call: id expressions, or a promise of an id array. */
export type LeadIds = { kind: 'ids'; ids: string[] } | { kind: 'lookup'; promise: string };

/**
 * Reads the `leadKey` children of an ArrayOfLeadKey (`{ leadKey: [...] }`). Keys whose type is
 * computed at run time make the whole list a run-time list, looked up by the client.
 */
export function readLeadKeys(
  operation: string,
  container: AstNode | null,
  resolve: RecipeContext['resolve'],
): LeadKeyList | Unconvertible {
  if (!container)
    return {
      unconvertible: `${operation}: the request has no lead keys. Add them, or rewrite this call by hand.`,
    };
  if (container.type !== 'ObjectExpression')
    return { kind: 'runtime', node: memberOf(container, 'leadKey') };
  const child = propertyValue(container, 'leadKey');
  const resolved = resolve(child);
  const elements = resolved ? repeatedChildren(resolved) : null;
  if (!child || !elements) return { kind: 'runtime', node: child ?? container };
  const keys: StaticLeadKey[] = [];
  for (const element of elements) {
    const key = resolve(element);
    const keyType = staticString(propertyValue(key, 'keyType'));
    const keyValue = propertyValue(key, 'keyValue');
    if (keyType === null || !keyValue) return { kind: 'runtime', node: child };
    const checked = checkKeyType(operation, keyType);
    if (checked) return checked;
    keys.push({ keyType, keyValue });
  }
  if (keys.length === 0)
    return {
      unconvertible: `${operation}: the lead key list is empty. Add at least one lead key.`,
    };
  return { kind: 'static', keys };
}

/** Returns a reason when a literal key type cannot be converted, else null. */
export function checkKeyType(operation: string, keyType: string): Unconvertible | null {
  if (!Object.hasOwn(FILTER_TYPE_BY_KEY_TYPE, keyType)) {
    return {
      unconvertible: `${operation}: '${keyType}' is not a SOAP lead key type. Fix the key type, then run the migration again.`,
    };
  }
  if (FILTER_TYPE_BY_KEY_TYPE[keyType] === null) {
    return {
      unconvertible: `${operation}: lead keys of type ${keyType} have no REST filter type, so they cannot be resolved to lead ids. Use IDNUM or EMAIL keys instead.`,
    };
  }
  return null;
}

/**
 * Builds the lead ids of a key list: IDNUM values are used as they are, and any other key
 * type is looked up with `resolveLeadIds`, which resolves each key to exactly one lead.
 */
export function leadIdsCode(list: LeadKeyList, slots: SlotList): LeadIds {
  if (list.kind === 'runtime')
    return { kind: 'lookup', promise: `__client.resolveLeadIds(${slots.add(list.node)})` };
  if (list.keys.every((key) => key.keyType === 'IDNUM')) {
    return { kind: 'ids', ids: list.keys.map((key) => slots.add(key.keyValue)) };
  }
  const keys = list.keys.map(
    (key) => `{ keyType: '${key.keyType}', keyValue: ${slots.add(key.keyValue)} }`,
  );
  return { kind: 'lookup', promise: `__client.resolveLeadIds([${keys.join(', ')}])` };
}

/**
 * Returns the REST `tokens` array for a SOAP `programTokenList`, whose `attrib` entries
 * already have REST's `{ name, value }` shape, or null when there is no token list. A token
 * list held in a variable stays in that variable.
 */
export function tokensCode(
  list: AstNode | null,
  resolve: RecipeContext['resolve'],
  slots: SlotList,
): string | null {
  if (!list) return null;
  const resolved = resolve(list);
  if (list.type === 'Identifier' || resolved?.type !== 'ObjectExpression') {
    const attrib = resolved?.type === 'ObjectExpression' ? propertyValue(resolved, 'attrib') : null;
    const reference = slots.add(memberOf(list, 'attrib'));
    return attrib?.type === 'ArrayExpression' ? reference : `[${reference}].flat()`;
  }
  const attrib = propertyValue(resolved, 'attrib');
  if (!attrib) return null;
  const elements = repeatedChildren(resolve(attrib));
  if (!elements) return `[${slots.add(attrib)}].flat()`;
  if (elements.length === 0) return null;
  return `[${elements.map((element) => slots.add(element)).join(', ')}]`;
}

/** Counts the static entries of a token list, or returns null when it is built at run time. */
export function staticTokenCount(
  list: AstNode | null,
  resolve: RecipeContext['resolve'],
): number | null {
  const resolved = resolve(list);
  if (resolved?.type !== 'ObjectExpression') return null;
  const elements = repeatedChildren(resolve(propertyValue(resolved, 'attrib')));
  return elements ? elements.length : null;
}

/** Returns true when the node is `false` or absent, so the SOAP option it sets is off. */
export function isOffOrAbsent(node: AstNode | null): boolean {
  return !node || (node.type === 'BooleanLiteral' && node.value === false);
}

/** Returns true when the node is the literal `true`. */
export function isTrueLiteral(node: AstNode | null): boolean {
  return node?.type === 'BooleanLiteral' && node.value === true;
}

/**
 * Picks a parameter name for a template's arrow function that no slot node uses, so the
 * parameter cannot shadow a variable that the original code reads inside the arrow.
 */
export function freshName(base: string, slots: SlotList): string {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const node = value as AstNode;
    if (node.type === 'Identifier') used.add(node.name as string);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc' && key !== 'comments') visit(child);
    }
  };
  visit(slots.nodes);
  if (!used.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    if (!used.has(`${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/** Returns the request as an object literal, or null when it is built elsewhere. */
export function requestObject(request: AstNode | undefined): AstNode | null {
  if (!request || request.type !== 'ObjectExpression') return null;
  return hasDynamicKeys(request) ? null : request;
}

const STABLE_LITERALS = new Set([
  'StringLiteral',
  'NumericLiteral',
  'BooleanLiteral',
  'NullLiteral',
  'BigIntLiteral',
  'ThisExpression',
]);
const CONVERSION_FUNCTIONS = new Set(['String', 'Number', 'parseInt', 'parseFloat']);
/** Methods of strings, dates and arrays that return a new value and change nothing. */
const PURE_METHODS = new Set([
  'toISOString',
  'toJSON',
  'toString',
  'slice',
  'substring',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'padStart',
  'join',
  'split',
]);

/**
 * True when evaluating the expression later, inside a `.then` callback, gives the same value
 * as evaluating it at the call: literals, and variables that nothing reassigns, with property
 * reads, String/Number conversions and side-effect-free string and date methods of those.
 * Object properties are assumed not to change.
 */
export function isStable(
  node: AstNode | null | undefined,
  callPath: NodePath | undefined,
): boolean {
  if (!node) return true;
  if (STABLE_LITERALS.has(node.type)) return true;
  switch (node.type) {
    case 'Identifier':
      return node.name === 'undefined' || !isReassigned(node.name as string, callPath);
    case 'TemplateLiteral':
      return (node.expressions as AstNode[]).every((expression) => isStable(expression, callPath));
    case 'UnaryExpression':
      return isStable(node.argument, callPath);
    case 'ObjectExpression':
      return (node.properties as AstNode[]).every(
        (property) =>
          property.type === 'ObjectProperty' &&
          isStable(property.value, callPath) &&
          (!property.computed || isStable(property.key, callPath)),
      );
    case 'ArrayExpression':
      return (node.elements as AstNode[]).every(
        (element) => element && element.type !== 'SpreadElement' && isStable(element, callPath),
      );
    case 'CallExpression': {
      const callee = node.callee as AstNode;
      const pure =
        (callee.type === 'Identifier' && CONVERSION_FUNCTIONS.has(callee.name)) ||
        (isMember(callee) &&
          !callee.computed &&
          PURE_METHODS.has(callee.property.name) &&
          isStable(callee.object, callPath));
      return (
        pure && (node.arguments as AstNode[]).every((argument) => isStable(argument, callPath))
      );
    }
    default:
      if (isMember(node))
        return (
          isStable(node.object, callPath) && (!node.computed || isStable(node.property, callPath))
        );
      return false;
  }
}

/** True when the variable the name refers to at the call is assigned after its declaration. */
function isReassigned(name: string, callPath: NodePath | undefined): boolean {
  if (!callPath) return true;
  const scope = (
    callPath as unknown as { scope?: { lookup(name: string): { path: NodePath } | undefined } }
  ).scope?.lookup(name);
  if (!scope) return false;
  let written = false;
  const visit = (value: unknown): void => {
    if (written || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const node = value as AstNode;
    if (
      node.type === 'AssignmentExpression' &&
      node.left.type === 'Identifier' &&
      node.left.name === name
    )
      written = true;
    if (
      node.type === 'UpdateExpression' &&
      node.argument.type === 'Identifier' &&
      node.argument.name === name
    )
      written = true;
    if (
      (node.type === 'ForInStatement' || node.type === 'ForOfStatement') &&
      node.left.type === 'Identifier' &&
      node.left.name === name
    )
      written = true;
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc' && key !== 'comments' && key !== 'tokens') visit(child);
    }
  };
  visit(scope.path.node);
  return written;
}

/**
 * Chains the REST call after the lookups that give it ids: `lookup.then((id) => call)`, or
 * `Promise.all` for several. Returns a note when an argument read inside the callback may
 * change before the lookups finish.
 */
export function afterLookups(
  operation: string,
  lookups: ReadonlyArray<{ param: string; promise: string }>,
  call: string,
  deferred: readonly AstNode[],
  callPath: NodePath | undefined,
): { code: string; notes: string[] } {
  if (lookups.length === 0) return { code: call, notes: [] };
  const notes = deferred.every((node) => isStable(node, callPath))
    ? []
    : [
        `${operation}: the rewritten call reads some of its arguments only after the id lookup finishes. If a variable among them can change in the meantime, copy it into a const before the call.`,
      ];
  if (lookups.length === 1)
    return { code: `${lookups[0]!.promise}.then((${lookups[0]!.param}) => ${call})`, notes };
  const promises = lookups.map((lookup) => lookup.promise).join(', ');
  const params = lookups.map((lookup) => lookup.param).join(', ');
  return { code: `Promise.all([${promises}]).then(([${params}]) => ${call})`, notes };
}

/**
 * Entries of an ArrayOfString (`{ stringItem: [...] }`) as the request gives them: the literal
 * items, or one expression that yields them at run time.
 */
export type StringItems =
  { kind: 'static'; items: AstNode[] } | { kind: 'runtime'; code: (slots: SlotList) => string };

/** Reads `{ stringItem: [...] }` or `{ stringItem: 'one' }`. Returns null when the list is absent. */
export function readStringItems(
  list: AstNode | null,
  resolve: RecipeContext['resolve'],
): StringItems | null {
  if (!list) return null;
  const resolved = resolve(list);
  if (resolved?.type !== 'ObjectExpression') {
    return {
      kind: 'runtime',
      code: (slots) => `[${slots.add(memberOf(list, 'stringItem'))}].flat()`,
    };
  }
  const child = propertyValue(resolved, 'stringItem');
  if (!child) return { kind: 'static', items: [] };
  if (staticString(child) !== null || child.type === 'TemplateLiteral')
    return { kind: 'static', items: [child] };
  const resolvedChild = resolve(child);
  const items = resolvedChild?.type === 'ArrayExpression' ? repeatedChildren(resolvedChild) : null;
  if (!items) return { kind: 'runtime', code: (slots) => `[${slots.add(child)}].flat()` };
  return { kind: 'static', items };
}

/** REST `action` for the SOAP `operation` of syncMObjects and syncCustomObjects. */
export const ACTION_BY_SYNC_OPERATION: Readonly<Record<string, string>> = {
  INSERT: 'createOnly',
  UPDATE: 'updateOnly',
  UPSERT: 'createOrUpdate',
};

/** A SOAP attribute (`{ attrName, attrValue }` or `{ name, value }`) whose name is a literal. */
export interface NamedValue {
  name: string;
  value: AstNode;
}

/**
 * Reads the repeated `childKey` entries of a SOAP attribute list, such as
 * `{ attribute: [{ attrName, attrValue }] }`. Returns null when an entry is built at run time.
 */
export function readNamedValues(
  list: AstNode | null,
  childKey: string,
  keys: { name: string; value: string },
  resolve: RecipeContext['resolve'],
): NamedValue[] | null {
  const resolved = resolve(list);
  if (resolved?.type !== 'ObjectExpression' || hasDynamicKeys(resolved)) return null;
  const entries = repeatedChildren(resolve(propertyValue(resolved, childKey)));
  if (!entries) return null;
  const values: NamedValue[] = [];
  for (const entry of entries) {
    const object = resolve(entry);
    const name = staticString(propertyValue(object, keys.name));
    const value = propertyValue(object, keys.value);
    if (name === null || !value) return null;
    values.push({ name, value });
  }
  return values;
}

/** Writes an object key bare when it is an identifier, else quoted. */
export function objectKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`;
}

/**
 * Returns the REST lead partition for the `MktowsContextHeader.targetWorkspace` set in the
 * file, from `workspacePartitions` in the config file, or why it cannot be known.
 * `method` names the client method a person would pass `partitionName` to.
 */
export function partitionFor(
  operation: string,
  context: RecipeContext,
  method: string,
): { name: string | null } | Unconvertible {
  const workspace = context.targetWorkspace;
  if (workspace === null) return { name: null };
  if (workspace === 'dynamic') {
    return {
      unconvertible: `${operation}: MktowsContextHeader.targetWorkspace is computed at run time. REST takes a lead partition name instead: pass partitionName to client.${method} by hand.`,
    };
  }
  const name = context.config.workspacePartitions?.[workspace];
  if (!name) {
    return {
      unconvertible: `${operation}: the target workspace '${workspace}' needs a REST lead partition name. Add it to workspacePartitions in the --config file and run the migration again.`,
    };
  }
  return { name };
}

/**
 * Returns the elements of `wrapper.<childKey>`, the SOAP form of a list (`mObjectList.mObject`,
 * `keyList.attribute`), written as one object or an array. Returns null when the wrapper is not an
 * object literal or the children are built at run time.
 */
export function repeatedChildOf(
  wrapper: AstNode | null | undefined,
  childKey: string,
  resolve: RecipeContext['resolve'],
): AstNode[] | null {
  return wrapper?.type === 'ObjectExpression'
    ? repeatedChildren(resolve(propertyValue(wrapper, childKey)))
    : null;
}
