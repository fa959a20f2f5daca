import type { JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type NodePath,
  isFunction,
  isMember,
  memberOf,
  memberPropertyName,
  staticString,
} from './ast.js';

/**
 * Rewrites reads of a SOAP lead's `leadAttributeList.attribute` list to reads of the flat
 * REST record. Two forms are understood, the ones integrations use:
 *
 * - a lookup by name: `attributes.find((a) => a.attrName === 'City')`, read as `.attrValue`,
 *   guarded (`found && found.attrValue`, `found ? found.attrValue : x`) or held in a variable;
 * - a map built in a loop: `for (const a of attributes) map[a.attrName] = a.attrValue`, then
 *   read as `map.City`;
 * - a search loop: `for (var i = 0; i < attributes.length; i++) if (attributes[i].attrName ===
 *   'City') city = attributes[i].attrValue;`, which becomes `if (lead.city !== undefined) city = lead.city;`.
 *
 * Every read becomes `<record>.<restName>`. Anything else makes the caller fall back to the
 * SOAP-shaped view.
 */
export interface AttributeContext {
  j: JSCodeshift;
  scope: NodePath;
  /** Builds the REST expression of the record that owns the list, such as `lead` or `res.result[0]`. */
  record: () => AstNode;
  /** REST name of a SOAP field, or null when it is not known at transform time. */
  restName: (soapName: string) => string | null;
  /** Collects the REST fields the rewritten code reads, so the call can ask for them. */
  fieldsRead: Set<string>;
}

/** A pending rewrite, or null when the use is not understood. */
export type AttributeRewrite = (() => void) | null;

/** Handles one use of the attribute list expression at `list` (the list itself or an alias). */
export function rewriteAttributeListUse(
  context: AttributeContext,
  list: NodePath,
): AttributeRewrite {
  const parent = list.parent?.node as AstNode | undefined;
  if (!parent) return null;
  if (
    parent.type === 'VariableDeclarator' &&
    parent.init === list.node &&
    parent.id.type === 'Identifier'
  ) {
    return rewriteListAlias(context, list.parent as NodePath, parent.id.name as string);
  }
  if (isMember(parent) && parent.object === list.node) {
    const method = memberPropertyName(parent);
    const call = list.parent.parent?.node as AstNode | undefined;
    if (call?.type !== 'CallExpression' || call.callee !== parent) return null;
    if (method === 'find') return rewriteLookup(context, list.parent.parent as NodePath);
    if (method === 'forEach')
      return rewriteMapLoop(context, list.parent.parent as NodePath, call.arguments[0], null);
    return null;
  }
  if (parent.type === 'ForOfStatement' && parent.right === list.node)
    return rewriteMapLoop(context, list.parent as NodePath, null, parent);
  return null;
}

/** `const attributes = <list>`: every use of `attributes` must be understood. */
function rewriteListAlias(
  context: AttributeContext,
  declarator: NodePath,
  name: string,
): AttributeRewrite {
  const { j, scope } = context;
  const uses = referencesOf(j, scope, name).filter((path) => path.node !== declarator.node.id);
  const searchLoop = rewriteSearchLoop(context, uses, name);
  if (searchLoop) {
    return () => {
      searchLoop();
      removeDeclarator(declarator);
    };
  }
  const rewrites = uses.map((use) => rewriteAttributeListUse(context, use));
  if (rewrites.length === 0 || rewrites.some((rewrite) => rewrite === null)) return null;
  return () => {
    rewrites.forEach((rewrite) => rewrite!());
    removeDeclarator(declarator);
  };
}

/** `<list>.find((a) => a.attrName === 'X')` read as `.attrValue`, guarded, or via a variable. */
function rewriteLookup(context: AttributeContext, findCall: NodePath): AttributeRewrite {
  const soapName = lookupName(findCall.node.arguments[0]);
  const restName = soapName === null ? null : context.restName(soapName);
  if (restName === null) return null;
  const field = (): AstNode => memberOf(context.record(), restName);
  const fieldKnown = (): AstNode => ({
    type: 'BinaryExpression',
    operator: '!==',
    left: field(),
    right: { type: 'Identifier', name: 'undefined' },
  });

  const rewrite = rewriteFoundValue(findCall, field, fieldKnown);
  if (rewrite) {
    context.fieldsRead.add(restName);
    return rewrite;
  }
  const holder = findCall.parent?.node as AstNode | undefined;
  if (
    holder?.type !== 'VariableDeclarator' ||
    holder.init !== findCall.node ||
    holder.id.type !== 'Identifier'
  )
    return null;
  const { j, scope } = context;
  const uses = referencesOf(j, scope, holder.id.name as string).filter(
    (path) => path.node !== holder.id,
  );
  const rewrites = uses.map((use) => rewriteFoundValue(use, field, fieldKnown));
  if (rewrites.length === 0 || rewrites.some((candidate) => candidate === null)) return null;
  context.fieldsRead.add(restName);
  return () => {
    rewrites.forEach((candidate) => candidate!());
    removeDeclarator(findCall.parent as NodePath);
  };
}

/**
 * Rewrites one use of a found attribute: `.attrValue` becomes the field, and a truthiness
 * test of the attribute itself becomes `field !== undefined`.
 */
function rewriteFoundValue(
  found: NodePath,
  field: () => AstNode,
  fieldKnown: () => AstNode,
): AttributeRewrite {
  const parent = found.parent?.node as AstNode | undefined;
  if (!parent) return null;
  if (isMember(parent) && parent.object === found.node) {
    if (memberPropertyName(parent) !== 'attrValue' || isWritten(found.parent as NodePath))
      return null;
    return () => (found.parent as NodePath).replace(field());
  }
  // `(attributes.find(...) || {}).attrValue`
  if (
    parent.type === 'LogicalExpression' &&
    parent.operator === '||' &&
    parent.left === found.node &&
    parent.right.type === 'ObjectExpression' &&
    parent.right.properties.length === 0
  ) {
    const outer = found.parent.parent?.node as AstNode | undefined;
    if (!isMember(outer) || outer!.object !== parent || memberPropertyName(outer!) !== 'attrValue')
      return null;
    return () => (found.parent.parent as NodePath).replace(field());
  }
  // `found && found.attrValue` is undefined or the value, as the REST field itself is.
  if (
    parent.type === 'LogicalExpression' &&
    parent.operator === '&&' &&
    parent.left === found.node &&
    isAttrValueOf(parent.right, found.node)
  ) {
    return () => (found.parent as NodePath).replace(field());
  }
  if (isTruthinessTest(found)) return () => found.replace(fieldKnown());
  return null;
}

function isAttrValueOf(node: AstNode, found: AstNode): boolean {
  if (!isMember(node) || memberPropertyName(node) !== 'attrValue') return false;
  const object = node.object as AstNode;
  return object.type === 'Identifier' && found.type === 'Identifier' && object.name === found.name;
}

/**
 * `const map = {}; for (const a of <list>) map[a.attrName] = a.attrValue;` (or `forEach`),
 * with `map.X` reads after it. The map and the loop go; each read becomes the REST field.
 */
function rewriteMapLoop(
  context: AttributeContext,
  loop: NodePath,
  callback: AstNode | null,
  forOf: AstNode | null,
): AttributeRewrite {
  const element = forOf
    ? loopVariable(forOf)
    : isFunction(callback) && callback!.params[0]?.type === 'Identifier'
      ? (callback!.params[0].name as string)
      : null;
  const body = forOf ? forOf.body : callback?.body;
  if (!element || !body) return null;
  const mapName = mapAssignmentTarget(body, element);
  if (!mapName) return null;
  const loopStatement = forOf ? loop : loop.parent;
  if (
    loopStatement?.node.type !== 'ExpressionStatement' &&
    loopStatement?.node.type !== 'ForOfStatement'
  )
    return null;
  const { j, scope } = context;
  const declarator = referencesOf(j, scope, mapName).find(
    (path) => path.parent?.node.type === 'VariableDeclarator' && path.parent.node.id === path.node,
  );
  const init = declarator?.parent.node.init as AstNode | undefined;
  if (!declarator || init?.type !== 'ObjectExpression' || init.properties.length !== 0) return null;

  const reads: Array<{ path: NodePath; restName: string }> = [];
  for (const use of referencesOf(j, scope, mapName)) {
    if (use.node === declarator.node || isInside(use, loopStatement.node)) continue;
    const parent = use.parent?.node as AstNode | undefined;
    const name =
      parent && isMember(parent) && parent.object === use.node ? memberPropertyName(parent) : null;
    const restName = name === null ? null : context.restName(name);
    if (restName === null || isWritten(use.parent as NodePath)) return null;
    reads.push({ path: use.parent as NodePath, restName });
  }
  for (const read of reads) context.fieldsRead.add(read.restName);
  return () => {
    for (const read of reads) read.path.replace(memberOf(context.record(), read.restName));
    loopStatement.prune();
    removeDeclarator(declarator.parent as NodePath);
  };
}

/**
 * `for (var i = 0; i < list.length; i++) { if (list[i].attrName === 'X') target = list[i].attrValue; }`
 * when every use of the list is inside that loop and the index is not used after it.
 */
function rewriteSearchLoop(
  context: AttributeContext,
  uses: NodePath[],
  list: string,
): (() => void) | null {
  const loop = uses[0] ? enclosingFor(uses[0]) : null;
  if (!loop || uses.some((use) => !isInside(use, loop.node))) return null;

  // The header: `for (var i = 0; i < list.length; i++)`.
  const { init, test, update, body } = loop.node;
  const index =
    init?.type === 'VariableDeclaration' && init.declarations.length === 1
      ? init.declarations[0].id
      : init?.left;
  if (
    index?.type !== 'Identifier' ||
    update?.type !== 'UpdateExpression' ||
    update.argument.name !== index.name
  )
    return null;
  const isLength = (node: AstNode): boolean =>
    isMember(node) &&
    node.object.type === 'Identifier' &&
    node.object.name === list &&
    memberPropertyName(node) === 'length';
  if (
    test?.type !== 'BinaryExpression' ||
    test.operator !== '<' ||
    test.left.name !== index.name ||
    !isLength(test.right)
  )
    return null;

  // The body: `if (list[i].attrName === 'X') target = list[i].attrValue;`.
  const statement = singleStatement(body);
  if (statement?.type !== 'IfStatement' || statement.alternate) return null;
  const isElement = (node: AstNode, field: string): boolean =>
    isMember(node) &&
    isMember(node.object) &&
    node.object.computed &&
    node.object.object.type === 'Identifier' &&
    node.object.object.name === list &&
    node.object.property.type === 'Identifier' &&
    node.object.property.name === index.name &&
    memberPropertyName(node) === field;
  const condition = statement.test as AstNode;
  if (
    condition.type !== 'BinaryExpression' ||
    (condition.operator !== '===' && condition.operator !== '==')
  )
    return null;
  let soapName: string | null = null;
  if (isElement(condition.left, 'attrName')) soapName = staticString(condition.right);
  else if (isElement(condition.right, 'attrName')) soapName = staticString(condition.left);
  const restName = soapName === null ? null : context.restName(soapName);
  const action = singleStatement(statement.consequent);
  const assignment = action?.type === 'ExpressionStatement' ? action.expression : null;
  if (
    restName === null ||
    assignment?.type !== 'AssignmentExpression' ||
    assignment.operator !== '=' ||
    !isElement(assignment.right, 'attrValue')
  )
    return null;

  const { j, scope } = context;
  const indexUsedElsewhere = referencesOf(j, scope, index.name as string).some(
    (use) => !isInside(use, loop.node),
  );
  if (indexUsedElsewhere) return null;

  context.fieldsRead.add(restName);
  return () => {
    const field = (): AstNode => memberOf(context.record(), restName);
    const known: AstNode = {
      type: 'BinaryExpression',
      operator: '!==',
      left: field(),
      right: { type: 'Identifier', name: 'undefined' },
    };
    const replacement: AstNode = {
      type: 'IfStatement',
      test: known,
      consequent: {
        type: 'BlockStatement',
        body: [
          {
            type: 'ExpressionStatement',
            expression: {
              type: 'AssignmentExpression',
              operator: '=',
              left: assignment.left,
              right: field(),
            },
          },
        ],
      },
      alternate: null,
    };
    loop.replace(replacement);
  };
}

/** Returns the statement itself, or the only statement of a block, or null. */
function singleStatement(node: AstNode): AstNode | null {
  if (node.type !== 'BlockStatement') return node;
  return node.body.length === 1 ? (node.body[0] as AstNode) : null;
}

function enclosingFor(path: NodePath): NodePath | null {
  let current: NodePath | null = path.parent as NodePath | null;
  while (current && !isFunction(current.node)) {
    if (current.node.type === 'ForStatement') return current;
    current = current.parent as NodePath | null;
  }
  return null;
}

/** Returns `map` when the loop body is exactly `map[a.attrName] = a.attrValue`. */
function mapAssignmentTarget(body: AstNode, element: string): string | null {
  const statement = singleStatement(body);
  if (!statement) return null;
  const assignment = statement.type === 'ExpressionStatement' ? statement.expression : statement;
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=') return null;
  const target = assignment.left as AstNode;
  if (!isMember(target) || !target.computed || target.object.type !== 'Identifier') return null;
  const isElementField = (node: AstNode, field: string): boolean =>
    isMember(node) &&
    node.object.type === 'Identifier' &&
    node.object.name === element &&
    memberPropertyName(node) === field;
  if (
    !isElementField(target.property, 'attrName') ||
    !isElementField(assignment.right, 'attrValue')
  )
    return null;
  return target.object.name as string;
}

/** Returns `X` from `(a) => a.attrName === 'X'` or `function (a) { return a.attrName === 'X'; }`. */
function lookupName(callback: AstNode | undefined): string | null {
  if (
    !isFunction(callback) ||
    callback!.params.length !== 1 ||
    callback!.params[0].type !== 'Identifier'
  )
    return null;
  const param = callback!.params[0].name as string;
  let test = callback!.body as AstNode;
  if (test.type === 'BlockStatement') {
    if (test.body.length !== 1 || test.body[0].type !== 'ReturnStatement') return null;
    test = test.body[0].argument;
  }
  if (test?.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '=='))
    return null;
  const isAttrName = (node: AstNode): boolean =>
    isMember(node) &&
    node.object.type === 'Identifier' &&
    node.object.name === param &&
    memberPropertyName(node) === 'attrName';
  if (isAttrName(test.left)) return staticString(test.right);
  if (isAttrName(test.right)) return staticString(test.left);
  return null;
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
  return null;
}

function referencesOf(j: JSCodeshift, scope: NodePath, name: string): NodePath[] {
  return j(scope as never)
    .find(j.Identifier, { name })
    .filter((path: NodePath) => {
      const parent = path.parent?.node as AstNode | undefined;
      if (isMember(parent) && parent!.property === path.node && !parent!.computed) return false;
      if (
        (parent?.type === 'ObjectProperty' || parent?.type === 'Property') &&
        parent.key === path.node &&
        !parent.shorthand
      )
        return false;
      return true;
    })
    .paths() as NodePath[];
}

function isTruthinessTest(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (
    (parent.type === 'IfStatement' ||
      parent.type === 'ConditionalExpression' ||
      parent.type === 'WhileStatement') &&
    parent.test === path.node
  )
    return true;
  return (
    parent.type === 'LogicalExpression' && parent.left === path.node && parent.operator === '&&'
  );
}

function isWritten(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  return (
    (parent?.type === 'AssignmentExpression' && parent.left === path.node) ||
    parent?.type === 'UpdateExpression'
  );
}

function isInside(path: NodePath, ancestor: AstNode): boolean {
  let current: NodePath | null = path;
  while (current) {
    if (current.node === ancestor) return true;
    current = current.parent as NodePath | null;
  }
  return false;
}

function removeDeclarator(declarator: NodePath): void {
  const declaration = declarator.parent as NodePath;
  if (declaration.node.declarations.length === 1) declaration.prune();
  else declarator.prune();
}
