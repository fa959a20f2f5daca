import { parse as babelParse } from '@babel/parser';
import recast from 'recast';
import type { ASTPath } from 'jscodeshift';
import { babelOptions, type Grammar } from './parse.js';

/**
 * An AST node as Babel and recast produce it. The core reads nodes structurally, so a loose
 * type keeps the code readable where ast-types' unions would need a cast at every step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = { type: string; [key: string]: any };
export type NodePath = ASTPath<AstNode>;

const MEMBER_TYPES = new Set(['MemberExpression', 'OptionalMemberExpression']);
const CALL_TYPES = new Set(['CallExpression', 'OptionalCallExpression']);
const FUNCTION_TYPES = new Set([
  'FunctionExpression',
  'ArrowFunctionExpression',
  'FunctionDeclaration',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

export function isMember(node: AstNode | null | undefined): boolean {
  return !!node && MEMBER_TYPES.has(node.type);
}

export function isCall(node: AstNode | null | undefined): boolean {
  return !!node && CALL_TYPES.has(node.type);
}

export function isFunction(node: AstNode | null | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

export function isStringLiteral(node: AstNode | null | undefined): boolean {
  return (
    !!node &&
    (node.type === 'StringLiteral' || (node.type === 'Literal' && typeof node.value === 'string'))
  );
}

/** Returns the string value of a string literal or of a template literal without expressions. */
export function staticString(node: AstNode | null | undefined): string | null {
  if (!node) return null;
  if (isStringLiteral(node)) return node.value as string;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis.map((quasi: AstNode) => quasi.value.cooked ?? quasi.value.raw).join('');
  }
  return null;
}

/**
 * Returns the name of a member's property when it is fixed in the source: `a.b` and `a['b']`
 * give `b`, while `a[b]` gives null.
 */
export function memberPropertyName(member: AstNode): string | null {
  if (!member.computed) return member.property.type === 'Identifier' ? member.property.name : null;
  return staticString(member.property);
}

/**
 * Strips a namespace prefix from an XML-style key: node-soap callers write `'ns1:leadKey'`
 * or `':name'` to force a prefix.
 */
export function stripPrefix(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Returns the key of an object property, with any namespace prefix removed. */
export function propertyKey(property: AstNode): string | null {
  if (property.type !== 'ObjectProperty' && property.type !== 'Property') return null;
  if (property.computed) {
    const key = staticString(property.key);
    return key === null ? null : stripPrefix(key);
  }
  if (property.key.type === 'Identifier') return stripPrefix(property.key.name);
  const key = staticString(property.key);
  return key === null ? null : stripPrefix(key);
}

/** Finds a property of an object literal by key, ignoring namespace prefixes. */
export function findProperty(object: AstNode | null | undefined, key: string): AstNode | null {
  if (!object || object.type !== 'ObjectExpression') return null;
  for (const property of object.properties as AstNode[]) {
    if (propertyKey(property) === key) return property;
  }
  return null;
}

/** Returns the value of an object literal's property, or null. */
export function propertyValue(object: AstNode | null | undefined, key: string): AstNode | null {
  return findProperty(object, key)?.value ?? null;
}

/** True when the object literal has a spread or a key computed at run time. */
export function hasDynamicKeys(object: AstNode): boolean {
  return (object.properties as AstNode[]).some(
    (property) =>
      property.type === 'SpreadElement' ||
      property.type === 'RestElement' ||
      propertyKey(property) === null,
  );
}

/**
 * Unwraps a single child that callers may write as an object or as a one-element array
 * (`leadKey: {...}` or `leadKey: [{...}]`). Returns null for longer arrays.
 */
export function singleChild(node: AstNode | null | undefined): AstNode | null {
  if (!node) return null;
  if (node.type !== 'ArrayExpression') return node;
  return node.elements.length === 1 ? (node.elements[0] as AstNode) : null;
}

/** Returns the elements of a repeated child written as an array, or the one object. */
export function repeatedChildren(node: AstNode | null | undefined): AstNode[] | null {
  if (!node) return [];
  if (node.type === 'ArrayExpression') {
    if (
      (node.elements as (AstNode | null)[]).some(
        (element) => !element || element.type === 'SpreadElement',
      )
    )
      return null;
    return node.elements as AstNode[];
  }
  if (node.type === 'ObjectExpression') return [node];
  return null;
}

/** Returns the closest ancestor path (the path itself included) that is a statement. */
export function enclosingStatement(path: NodePath): NodePath | null {
  let current: NodePath | null = path;
  while (current) {
    const node = current.node;
    const parent = current.parent?.node as AstNode | undefined;
    if (/Statement$|Declaration$/.test(node.type) && node.type !== 'TSTypeAliasDeclaration') {
      if (
        !parent ||
        parent.type === 'Program' ||
        parent.type === 'BlockStatement' ||
        parent.type === 'SwitchCase' ||
        parent.type === 'StaticBlock' ||
        parent.type === 'TSModuleBlock'
      ) {
        return current;
      }
      if (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration')
        return current.parent as NodePath;
    }
    current = current.parent as NodePath | null;
  }
  return null;
}

/** Returns the closest enclosing function path, or null at module level. */
export function enclosingFunction(path: NodePath): NodePath | null {
  let current = path.parent as NodePath | null;
  while (current) {
    if (isFunction(current.node)) return current;
    current = current.parent as NodePath | null;
  }
  return null;
}

const SLOT = /^__slot(\d+)$/;

/**
 * Builds new code from templates. A template is printed as written, with its string
 * literals in the file's quote style, and the names `__slot0`, `__slot1`, ... are replaced
 * by the given nodes, which keep their original source text.
 */
export class CodeBuilder {
  private readonly parser: { parse(source: string): unknown };

  constructor(
    readonly grammar: Grammar,
    readonly quote: 'single' | 'double',
  ) {
    const options = babelOptions(grammar);
    this.parser = { parse: (source: string) => babelParse(source, options) };
  }

  expression(code: string, slots: readonly AstNode[] = []): AstNode {
    const file = recast.parse(`__template = ${this.requote(code)};`, {
      parser: this.parser,
    }) as AstNode;
    const statement = file.program.body[0] as AstNode;
    return fillSlots(statement.expression.right as AstNode, slots);
  }

  statements(code: string, slots: readonly AstNode[] = []): AstNode[] {
    const file = recast.parse(this.requote(code), { parser: this.parser }) as AstNode;
    return (file.program.body as AstNode[]).map((statement) => fillSlots(statement, slots));
  }

  /** Rewrites the template's simple single-quoted strings to double quotes where the file uses them. */
  private requote(code: string): string {
    if (this.quote === 'single') return code;
    return code.replace(/'([^'"\\\n]*)'/g, '"$1"');
  }
}

function fillSlots(root: AstNode, slots: readonly AstNode[]): AstNode {
  const seen = new Set<unknown>();
  const replace = (value: unknown): unknown => {
    if (!value || typeof value !== 'object' || seen.has(value)) return value;
    seen.add(value);
    if (Array.isArray(value)) return value.map(replace);
    const node = value as AstNode;
    if (node.type === 'Identifier') {
      const match = SLOT.exec(node.name as string);
      if (match) {
        const slot = slots[Number(match[1])];
        if (!slot) throw new Error(`template slot ${node.name} has no node`);
        return slot;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (child && typeof child === 'object' && !SKIPPED_ON_CLONE.has(key))
        node[key] = replace(child);
    }
    return node;
  };
  return replace(root) as AstNode;
}

/** Returns the 1-based line and column where a node starts, or line 0 for new nodes. */
export function nodeLocation(node: AstNode): { line: number; column: number } {
  const start = node.loc?.start;
  return start
    ? { line: start.line as number, column: (start.column as number) + 1 }
    : { line: 0, column: 0 };
}

/** Copies a node without positions or comments, so the copy prints fresh wherever it goes. */
export function cloneNode<T>(node: T): T {
  const copy = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(copy);
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (SKIPPED_ON_CLONE.has(key) || typeof child === 'function') continue;
      result[key] = copy(child);
    }
    return result;
  };
  return copy(node) as T;
}

const SKIPPED_ON_CLONE = new Set([
  'loc',
  'start',
  'end',
  'range',
  'tokens',
  'extra',
  'original',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
]);

/** Returns the module a `require('x')` call loads, also under member reads (`require('x').y`). */
export function requiredModule(node: AstNode | null | undefined): string | null {
  let call = node;
  while (call && isMember(call)) call = call.object;
  if (
    call?.type !== 'CallExpression' ||
    call.callee.type !== 'Identifier' ||
    call.callee.name !== 'require'
  )
    return null;
  return staticString(call.arguments[0]);
}

/** Builds `object.name` from an expression node, for parts of a request built elsewhere. */
export function memberOf(object: AstNode, name: string): AstNode {
  return {
    type: 'MemberExpression',
    object,
    property: { type: 'Identifier', name },
    computed: false,
  };
}
