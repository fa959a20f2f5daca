import type { Collection, JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type CodeBuilder,
  type NodePath,
  requiredModule,
  staticString,
} from './ast.js';
import type { Grammar } from './parse.js';

/** Whether a file loads modules with `import` or with `require`. */
export type ModuleStyle = 'import' | 'require';

export function detectModuleStyle(
  j: JSCodeshift,
  root: Collection<unknown>,
  grammar: Grammar,
): ModuleStyle {
  const imports =
    root.find(j.ImportDeclaration).size() +
    root.find(j.ExportNamedDeclaration).size() +
    root.find(j.ExportDefaultDeclaration).size();
  if (imports > 0) return 'import';
  const requires = root
    .find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } })
    .size();
  if (requires > 0) return 'require';
  return grammar === 'javascript' ? 'require' : 'import';
}

/** Position for a new import: the place of the SOAP import it replaces, if there was one. */
export interface ImportAnchor {
  node: AstNode;
  /** The statements that followed it, so the new import lands before the first that is left. */
  following: AstNode[];
}

/**
 * Returns the first top-level statement that imports a SOAP package, so that the REST client
 * import can take its place.
 */
export function findImportAnchor(
  root: Collection<unknown>,
  declarations: readonly AstNode[],
): ImportAnchor | null {
  const body = ((root.get().node as AstNode).program as AstNode).body as AstNode[];
  const index = body.findIndex((statement) => declarations.includes(statement));
  return index === -1 ? null : { node: body[index]!, following: body.slice(index + 1) };
}

/**
 * Makes the file import `names` from `specifier` once: it extends an existing import or
 * require of that specifier, or adds one where the SOAP import stood, else after the last
 * top-level import or require.
 */
export function ensureNamedImports(
  root: Collection<unknown>,
  builder: CodeBuilder,
  specifier: string,
  names: readonly string[],
  style: ModuleStyle,
  anchor: ImportAnchor | null,
): void {
  if (names.length === 0) return;
  const program = (root.get().node as AstNode).program as AstNode;
  const body = program.body as AstNode[];
  const sortedNames = [...new Set(names)].sort();
  const existing = findExisting(body, specifier);
  if (existing) {
    addNamesToExisting(builder, existing, sortedNames);
    return;
  }
  const quoted = JSON.stringify(specifier).slice(1, -1).replace(/'/g, "\\'");
  const code =
    style === 'import'
      ? `import { ${sortedNames.join(', ')} } from '${quoted}';`
      : `const { ${sortedNames.join(', ')} } = require('${quoted}');`;
  const [declaration] = builder.statements(code);
  const insertAt = insertionIndex(body, anchor);
  const next = body[insertAt];
  // The comments above a replaced SOAP import, or above the file's first statement when a blank
  // line sets them apart, belong above the new import.
  const anchorComments = anchor && !body.includes(anchor.node) ? leadingComments(anchor.node) : [];
  const nextLeading = next ? leadingComments(next) : [];
  const lastLeading = nextLeading[nextLeading.length - 1];
  const headsFile =
    insertAt === 0 &&
    anchorComments.length === 0 &&
    lastLeading !== undefined &&
    isSeparatedFrom(lastLeading, next!);
  const heading = headsFile ? nextLeading : anchorComments;
  if (headsFile)
    next!.comments = (next!.comments as AstNode[]).filter((comment) => !heading.includes(comment));
  if (heading.length > 0) {
    // Fresh comment nodes: recast cannot print comments positioned in another source.
    declaration!.comments = heading.map((comment) => ({
      type: comment.type,
      value: comment.value,
      leading: true,
      trailing: false,
    }));
  }
  body.splice(insertAt, 0, declaration!);
}

function insertionIndex(body: AstNode[], anchor: ImportAnchor | null): number {
  if (anchor) {
    const stillThere = body.indexOf(anchor.node);
    if (stillThere !== -1) return stillThere + 1;
    const next = anchor.following.find((statement) => body.includes(statement));
    return next ? body.indexOf(next) : body.length;
  }
  let insertAt = 0;
  body.forEach((statement, index) => {
    if (statement.type === 'ImportDeclaration' || isTopLevelRequire(statement))
      insertAt = index + 1;
  });
  return insertAt === 0 ? directivePrologueLength(body) : insertAt;
}

function leadingComments(node: AstNode): AstNode[] {
  return ((node.comments as AstNode[] | undefined) ?? []).filter((comment) => comment.leading);
}

/** True when a blank line separates the comment from the statement after it. */
function isSeparatedFrom(comment: AstNode, statement: AstNode): boolean {
  const commentEnd = comment.loc?.end.line as number | undefined;
  const statementStart = statement.loc?.start.line as number | undefined;
  return (
    commentEnd !== undefined && statementStart !== undefined && statementStart - commentEnd > 1
  );
}

function directivePrologueLength(body: AstNode[]): number {
  let count = 0;
  while (body[count]?.type === 'ExpressionStatement' && body[count]!.directive) count++;
  return count;
}

function isTopLevelRequire(statement: AstNode): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return (statement.declarations as AstNode[]).some(
    (declarator) => requiredModule(declarator.init) !== null,
  );
}

function findExisting(body: AstNode[], specifier: string): AstNode | null {
  for (const statement of body) {
    if (
      statement.type === 'ImportDeclaration' &&
      staticString(statement.source) === specifier &&
      statement.importKind !== 'type'
    )
      return statement;
    if (statement.type === 'VariableDeclaration') {
      const declarator = (statement.declarations as AstNode[]).find(
        (candidate) =>
          candidate.id.type === 'ObjectPattern' && requiredModule(candidate.init) === specifier,
      );
      if (declarator) return declarator;
    }
  }
  return null;
}

function addNamesToExisting(builder: CodeBuilder, declaration: AstNode, names: string[]): void {
  if (declaration.type === 'ImportDeclaration') {
    const present = new Set(
      (declaration.specifiers as AstNode[]).map((specifier) => specifier.local.name as string),
    );
    const missing = names.filter((name) => !present.has(name));
    if (missing.length === 0) return;
    const [template] = builder.statements(`import { ${missing.join(', ')} } from 'x';`);
    declaration.specifiers.push(...(template!.specifiers as AstNode[]));
    return;
  }
  const pattern = declaration.id as AstNode;
  const present = new Set(
    (pattern.properties as AstNode[]).map((property) => property.value?.name as string),
  );
  const missing = names.filter((name) => !present.has(name));
  if (missing.length === 0) return;
  const [template] = builder.statements(`const { ${missing.join(', ')} } = x;`);
  pattern.properties.push(...(template!.declarations[0].id.properties as AstNode[]));
}

/** Counts the references to `name` in the file outside declarations of it. */
export function countReferences(j: JSCodeshift, root: Collection<unknown>, name: string): number {
  return root
    .find(j.Identifier, { name })
    .filter((path: NodePath) => {
      const parent = path.parent?.node as AstNode | undefined;
      if (!parent) return true;
      if (
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === path.node &&
        !parent.computed
      )
        return false;
      if (
        (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
        parent.key === path.node &&
        !parent.computed &&
        !parent.shorthand
      )
        return false;
      if (
        parent.type === 'ObjectProperty' &&
        parent.shorthand &&
        parent.value === path.node &&
        path.parent.parent?.node.type === 'ObjectPattern'
      )
        return false;
      if (parent.type === 'VariableDeclarator' && parent.id === path.node) return false;
      if (
        parent.type === 'ImportSpecifier' ||
        parent.type === 'ImportDefaultSpecifier' ||
        parent.type === 'ImportNamespaceSpecifier'
      )
        return false;
      if (parent.type === 'TSImportEqualsDeclaration' && parent.id === path.node) return false;
      if (
        (parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration') &&
        parent.id === path.node
      )
        return false;
      if (
        (parent.type === 'ClassMethod' ||
          parent.type === 'ClassProperty' ||
          parent.type === 'ObjectMethod' ||
          parent.type === 'TSPropertySignature' ||
          parent.type === 'ClassPrivateProperty') &&
        parent.key === path.node
      )
        return false;
      if (parent.type === 'TSQualifiedName' && parent.right === path.node) return false;
      return true;
    })
    .size();
}
