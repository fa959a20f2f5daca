import type { JSCodeshift } from 'jscodeshift';
import { type AstNode, type NodePath, isFunction, isMember, memberPropertyName } from './ast.js';
import { rewriteAttributeListUse } from './attribute-reads.js';

/**
 * The reads of a SOAP result that a recipe can rewrite to the REST shape, keyed by dotted
 * SOAP path from the result object. `[]` stands for any element of an array.
 */
export interface ResultShape {
  /** SOAP arrays and the REST arrays that replace them: `result.leadRecordList.leadRecord` to `result`. */
  arrays: Readonly<Record<string, string>>;
  /** Scalar reads and their REST paths. A number segment is a fixed index: `result.0.id`. */
  values: Readonly<Record<string, ValueRule>>;
  /** Fields of an array element and their REST names: `Email` to `email`. */
  elementFields: Readonly<Record<string, string>>;
  /**
   * REST name of a field that array elements keep in `leadAttributeList.attribute` by SOAP name,
   * or null when it is unknown at transform time. Absent for results without lead records.
   */
  attributeRestName?: (soapName: string) => string | null;
}

export interface ValueRule {
  rest: string;
  /** SOAP string values and their REST spellings, for reads compared with a literal. */
  literals?: Readonly<Record<string, string>>;
  /** When set, the read is rewritable only as one side of a comparison with a string literal. */
  comparisonOnly?: boolean;
}

/** Outcome of analysing every read of one result binding. */
export type ReadAnalysis =
  | { kind: 'unused' }
  | { kind: 'rest'; apply: () => void; fieldsRead: string[] }
  | { kind: 'soap'; escapes: boolean };

interface Segment {
  name: string;
  /** The index expression of an element access, kept to rebuild the chain. */
  index?: AstNode;
}

interface Tracked {
  name: string;
  prefix: Segment[];
}

const ITERATION_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'find',
  'some',
  'every',
  'flatMap',
  'findLast',
]);
const COMPARISON_OPERATORS = new Set(['===', '==', '!==', '!=']);

/**
 * Decides whether every read of `name` inside `scope` can be rewritten to the REST shape.
 * The rewrites are collected first and applied only through `apply`, so a caller that falls
 * back to the SOAP-shaped view leaves the code untouched.
 */
export function analyzeReads(
  j: JSCodeshift,
  scope: NodePath,
  name: string,
  shape: ResultShape,
): ReadAnalysis {
  const rewrites: Array<() => void> = [];
  const fieldsRead = new Set<string>();
  const queue: Tracked[] = [{ name, prefix: [] }];
  let escapes = false;
  let understood = true;
  let references = 0;
  const seen = new Set<string>();
  while (queue.length > 0) {
    const tracked = queue.shift()!;
    if (seen.has(tracked.name)) {
      understood = false;
      break;
    }
    seen.add(tracked.name);
    for (const reference of findReferences(j, scope, tracked.name)) {
      references++;
      const outcome = classifyReference(j, scope, reference, tracked, shape, queue, fieldsRead);
      if (outcome === 'escape') escapes = true;
      else if (outcome === 'unknown') understood = false;
      else if (outcome) rewrites.push(outcome);
    }
  }
  if (references === 0) return { kind: 'unused' };
  if (understood && !escapes) {
    return {
      kind: 'rest',
      apply: () => rewrites.forEach((rewrite) => rewrite()),
      fieldsRead: [...fieldsRead],
    };
  }
  return { kind: 'soap', escapes };
}

/** Identifier paths named `name` inside `scope` that read a variable, not a property key. */
function findReferences(j: JSCodeshift, scope: NodePath, name: string): NodePath[] {
  return j(scope as never)
    .find(j.Identifier, { name })
    .filter((path: NodePath) => isVariableReference(path))
    .paths() as NodePath[];
}

function isVariableReference(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  if (!parent) return true;
  if (isMember(parent) && parent.property === path.node && !parent.computed) return false;
  if (
    (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
    parent.key === path.node &&
    !parent.computed
  ) {
    return parent.shorthand === true;
  }
  if (isFunction(parent) && (parent.params as AstNode[]).includes(path.node)) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === path.node) return false;
  if (
    parent.type === 'ClassMethod' ||
    parent.type === 'ClassProperty' ||
    parent.type === 'ObjectMethod'
  )
    return parent.key !== path.node;
  if (
    parent.type === 'ArrayPattern' ||
    parent.type === 'RestElement' ||
    (parent.type === 'AssignmentPattern' && parent.left === path.node)
  )
    return false;
  if (
    (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
    path.parent.parent?.node.type === 'ObjectPattern'
  )
    return false;
  if (
    parent.type === 'LabeledStatement' ||
    parent.type === 'BreakStatement' ||
    parent.type === 'ContinueStatement'
  )
    return false;
  if (parent.type.startsWith('TS')) return false;
  return true;
}

type Outcome = (() => void) | 'escape' | 'unknown' | null;

/** A read handed to a local variable whose own reads decide: it cannot move to REST shape. */
const OPAQUE_ALIAS = 'unknown';

/** Classifies one reference: a rewrite, a tracked alias (null), an escape, or not understood. */
function classifyReference(
  j: JSCodeshift,
  scope: NodePath,
  reference: NodePath,
  tracked: Tracked,
  shape: ResultShape,
  queue: Tracked[],
  fieldsRead: Set<string>,
): Outcome {
  const chain = climbChain(reference);
  const { top, segments } = chain;
  const path = [...tracked.prefix, ...segments];
  const key = dotted(path);
  const parent = top.parent?.node as AstNode | undefined;
  if (isAssignmentTarget(top)) return 'unknown';

  // `lead.leadAttributeList.attribute` may be followed by `.find(...)` or `[i]`: the list ends
  // at its own level of the chain.
  const listLevel = shape.attributeRestName
    ? segments.findIndex((_, index) =>
        isAttributeList([...tracked.prefix, ...segments.slice(0, index + 1)], shape),
      )
    : -1;
  if (shape.attributeRestName && listLevel !== -1) {
    const listPath = [...tracked.prefix, ...segments.slice(0, listLevel + 1)];
    const recordPath = listPath.slice(0, -2);
    const restRecord = toRestPath(recordPath, shape);
    const restPrefix = toRestPath(tracked.prefix, shape);
    if (!restRecord || !restPrefix || recordPath.length < tracked.prefix.length) return 'unknown';
    const own = restRecord.slice(restPrefix.length);
    const rewrite = rewriteAttributeListUse(
      {
        j,
        scope,
        record: () => buildChain(reference.node, own),
        restName: shape.attributeRestName!,
        fieldsRead,
      },
      chain.levels[listLevel]!,
    );
    return rewrite ?? 'unknown';
  }

  const value = shape.values[key];
  if (value) return rewriteValue(reference, top, tracked, segments, value);

  if (isElementField(path, shape)) {
    fieldsRead.add(shape.elementFields[path[path.length - 1]!.name]!);
    return rewriteChain(reference, top, tracked, segments, shape);
  }

  const method = segments[segments.length - 1]?.name;
  const arrayPath = path.slice(0, -1);
  if (
    method &&
    ITERATION_METHODS.has(method) &&
    dotted(arrayPath) in shape.arrays &&
    isCalleeOf(top)
  ) {
    return followIteration(reference, top, tracked, segments, shape, queue, method);
  }

  const isArray = key in shape.arrays;
  const isElement =
    !isArray &&
    path.length > 0 &&
    path[path.length - 1]!.name === '[]' &&
    dotted(path.slice(0, -1)) in shape.arrays;
  const lengthOfArray =
    path.length > 0 &&
    path[path.length - 1]!.name === 'length' &&
    dotted(path.slice(0, -1)) in shape.arrays;
  if (lengthOfArray) return rewriteChain(reference, top, tracked, segments, shape);

  if (segments.length === 0 && isTruthinessTest(top)) return null;
  if (!isArray && !isElement) {
    if (
      parent?.type === 'VariableDeclarator' &&
      parent.init === top.node &&
      parent.id.type === 'Identifier'
    ) {
      queue.push({ name: parent.id.name, prefix: path });
      return OPAQUE_ALIAS;
    }
    if (isKnownPrefix(key, shape)) {
      if (isTruthinessTest(top)) return rewriteChain(reference, top, tracked, segments, shape);
      return escapeOrUnknown(top);
    }
    return escapeOrUnknown(top);
  }

  // An array or one of its elements: follow it into a variable, a loop or an iteration callback.
  if (
    parent?.type === 'VariableDeclarator' &&
    parent.init === top.node &&
    parent.id.type === 'Identifier'
  ) {
    queue.push({ name: parent.id.name, prefix: path });
    return rewriteChain(reference, top, tracked, segments, shape);
  }
  if (isArray && parent?.type === 'ForOfStatement' && parent.right === top.node) {
    const variable = loopVariable(parent);
    if (!variable) return 'unknown';
    queue.push({ name: variable, prefix: [...path, { name: '[]' }] });
    return rewriteChain(reference, top, tracked, segments, shape);
  }
  if (isTruthinessTest(top)) return rewriteChain(reference, top, tracked, segments, shape);
  return escapeOrUnknown(top);
}

/**
 * `records.forEach((lead) => ...)` and the like: the callback's parameter is an element, and
 * the results of `find` and `filter` are an element and an array.
 */
function followIteration(
  reference: NodePath,
  top: NodePath,
  tracked: Tracked,
  segments: Segment[],
  shape: ResultShape,
  queue: Tracked[],
  method: string,
): Outcome {
  const call = top.parent.node as AstNode;
  const arrayPath = [...tracked.prefix, ...segments.slice(0, -1)];
  const callback = call.arguments[0] as AstNode | undefined;
  const param = isFunction(callback) ? callback!.params[0] : null;
  if (!param || param.type !== 'Identifier') return 'unknown';
  queue.push({ name: param.name, prefix: [...arrayPath, { name: '[]' }] });
  const holder = top.parent.parent?.node as AstNode | undefined;
  const heldName =
    holder?.type === 'VariableDeclarator' && holder.init === call && holder.id.type === 'Identifier'
      ? (holder.id.name as string)
      : null;
  if (method === 'find' || method === 'findLast') {
    if (!heldName) return 'unknown';
    queue.push({ name: heldName, prefix: [...arrayPath, { name: '[]' }] });
  } else if (method === 'filter') {
    if (!heldName) return 'unknown';
    queue.push({ name: heldName, prefix: arrayPath });
  } else if (method !== 'forEach' && method !== 'some' && method !== 'every') {
    return 'unknown';
  }
  return rewriteChain(
    reference,
    top.get('object') as NodePath,
    tracked,
    segments.slice(0, -1),
    shape,
  );
}

function isCalleeOf(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  return parent?.type === 'CallExpression' && parent.callee === path.node;
}

/** A read that hands the value on (argument, return, property, assignment) escapes the function. */
function escapeOrUnknown(top: NodePath): 'escape' | 'unknown' {
  const parent = top.parent?.node as AstNode | undefined;
  if (!parent) return 'unknown';
  switch (parent.type) {
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'NewExpression':
      return parent.callee === top.node ? 'unknown' : 'escape';
    case 'ReturnStatement':
    case 'ArrowFunctionExpression':
    case 'ObjectProperty':
    case 'Property':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'YieldExpression':
    case 'ThrowStatement':
      return 'escape';
    case 'AssignmentExpression':
      return parent.left.type === 'Identifier' ? 'unknown' : 'escape';
    case 'JSXExpressionContainer':
      return 'escape';
    case 'LogicalExpression':
    case 'ConditionalExpression':
      return escapeOrUnknown(top.parent as NodePath);
    default:
      return 'unknown';
  }
}

function loopVariable(loop: AstNode): string | null {
  const left = loop.left as AstNode;
  if (
    left.type === 'VariableDeclaration' &&
    left.declarations.length === 1 &&
    left.declarations[0].id.type === 'Identifier'
  ) {
    return left.declarations[0].id.name as string;
  }
  return left.type === 'Identifier' ? (left.name as string) : null;
}

/** Walks up from a reference through member reads, collecting the property path. */
function climbChain(reference: NodePath): {
  top: NodePath;
  segments: Segment[];
  levels: NodePath[];
} {
  const segments: Segment[] = [];
  const levels: NodePath[] = [];
  let top = reference;
  for (;;) {
    const parent = top.parent?.node as AstNode | undefined;
    if (!parent || !isMember(parent) || parent.object !== top.node) break;
    const name = memberPropertyName(parent);
    if (name !== null && !/^\d+$/.test(name)) segments.push({ name });
    else if (parent.computed) segments.push({ name: '[]', index: parent.property });
    else break;
    top = top.parent as NodePath;
    levels.push(top);
  }
  return { top, segments, levels };
}

/** True for `<array>.[].leadAttributeList.attribute`. */
function isAttributeList(path: readonly Segment[], shape: ResultShape): boolean {
  if (path.length < 3) return false;
  const tail = path
    .slice(-3)
    .map((segment) => segment.name)
    .join('.');
  return tail === '[].leadAttributeList.attribute' && dotted(path.slice(0, -3)) in shape.arrays;
}

/** True for `<array>.[].<field>` where the field has a REST name. */
function isElementField(path: readonly Segment[], shape: ResultShape): boolean {
  if (path.length < 2) return false;
  const field = path[path.length - 1]!.name;
  return (
    path[path.length - 2]!.name === '[]' &&
    field in shape.elementFields &&
    dotted(path.slice(0, -2)) in shape.arrays
  );
}

function dotted(path: readonly Segment[]): string {
  return path.map((segment) => segment.name).join('.');
}

function isKnownPrefix(key: string, shape: ResultShape): boolean {
  const keys = [...Object.keys(shape.arrays), ...Object.keys(shape.values)];
  return keys.some((known) => known === key || known.startsWith(`${key}.`) || key === '');
}

function isAssignmentTarget(top: NodePath): boolean {
  const parent = top.parent?.node as AstNode | undefined;
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression' && parent.left === top.node) return true;
  if (parent.type === 'UpdateExpression') return true;
  if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return true;
  return false;
}

/** True where only the truthiness of the value matters: `if (x)`, `x && ...`, `!x`. */
function isTruthinessTest(top: NodePath): boolean {
  const parent = top.parent?.node as AstNode | undefined;
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (
    (parent.type === 'IfStatement' ||
      parent.type === 'WhileStatement' ||
      parent.type === 'ConditionalExpression') &&
    parent.test === top.node
  )
    return true;
  if (
    parent.type === 'LogicalExpression' &&
    parent.left === top.node &&
    (parent.operator === '&&' || parent.operator === '||')
  ) {
    return parent.operator === '&&' || isTruthinessTest(top.parent as NodePath);
  }
  return false;
}

/** Rebuilds the member chain above the reference with REST path segments. */
function rewriteChain(
  reference: NodePath,
  top: NodePath,
  tracked: Tracked,
  segments: Segment[],
  shape: ResultShape,
): Outcome {
  const restFull = toRestPath([...tracked.prefix, ...segments], shape);
  const restPrefix = toRestPath(tracked.prefix, shape);
  if (!restFull || !restPrefix) return 'unknown';
  const own = restFull.slice(restPrefix.length);
  return () => top.replace(buildChain(reference.node, own));
}

function rewriteValue(
  reference: NodePath,
  top: NodePath,
  tracked: Tracked,
  segments: Segment[],
  rule: ValueRule,
): Outcome {
  const parent = top.parent?.node as AstNode | undefined;
  const comparedLiteral =
    parent?.type === 'BinaryExpression' && COMPARISON_OPERATORS.has(parent.operator)
      ? parent.left === top.node
        ? parent.right
        : parent.left
      : null;
  const literal = comparedLiteral?.type === 'StringLiteral' ? comparedLiteral : null;
  if (rule.comparisonOnly && !literal) return 'unknown';
  if (literal && rule.literals && !(literal.value in rule.literals)) return 'unknown';
  const restPrefixLength = tracked.prefix.length;
  if (restPrefixLength > 0) return 'unknown';
  const indexes = segments.filter((segment) => segment.index).map((segment) => segment.index!);
  const restSegments: Segment[] = rule.rest.split('.').map((name) => ({ name }));
  return () => {
    top.replace(buildChain(reference.node, restSegments, indexes));
    if (literal && rule.literals) literal.value = rule.literals[literal.value as string];
    if (literal) delete literal.extra;
  };
}

/**
 * Maps a SOAP path to its REST path by the longest array prefix, keeping element indexes.
 * Returns null when part of the path has no REST counterpart.
 */
function toRestPath(path: readonly Segment[], shape: ResultShape): Segment[] | null {
  for (let length = path.length; length > 0; length--) {
    const head = dotted(path.slice(0, length));
    const rest = shape.arrays[head];
    if (rest === undefined) continue;
    const mapped: Segment[] = rest === '' ? [] : rest.split('.').map((name) => ({ name }));
    const tail = path.slice(length);
    const restTail: Segment[] = [];
    for (const [position, segment] of tail.entries()) {
      if (segment.name === '[]' || segment.name === 'length') {
        restTail.push(segment);
        continue;
      }
      const field =
        position > 0 && tail[position - 1]!.name === '[]'
          ? shape.elementFields[segment.name]
          : undefined;
      if (!field) return null;
      restTail.push({ name: field });
    }
    return [...mapped, ...restTail];
  }
  return path.length === 0 ? [] : null;
}

function buildChain(base: AstNode, segments: readonly Segment[], indexes: AstNode[] = []): AstNode {
  let node: AstNode = { type: 'Identifier', name: base.name };
  const pending = [...indexes];
  for (const segment of segments) {
    if (segment.name === '[]') {
      node = {
        type: 'MemberExpression',
        object: node,
        property: segment.index ?? pending.shift(),
        computed: true,
      };
    } else if (/^\d+$/.test(segment.name)) {
      node = {
        type: 'MemberExpression',
        object: node,
        property: { type: 'NumericLiteral', value: Number(segment.name) },
        computed: true,
      };
    } else {
      node = {
        type: 'MemberExpression',
        object: node,
        property: { type: 'Identifier', name: segment.name },
        computed: false,
      };
    }
  }
  return node;
}
