import type { Collection, JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type NodePath,
  isFunction,
  isMember,
  requiredModule,
  staticString,
} from './ast.js';
import { CREDENTIAL_NAME, findCredentialLiterals, findSecrets, visitNodes } from './secrets.js';
import type { SoapClientModel } from './soap-clients.js';
import type { SiteRecord } from './types.js';

/** Text that marks code as part of the SOAP AuthenticationHeader signing. */
export const SIGNING_TEXT =
  /createHmac|AuthenticationHeader|mktowsUserId|requestSignature|requestTimestamp|toXML/;

/** Modules that are safe to drop once nothing references what they bind. */
function isDroppableModule(specifier: string): boolean {
  return (
    ['crypto', 'node:crypto', 'moment', 'soap', 'strong-soap', 'node-marketo-soap'].includes(
      specifier,
    ) || specifier.startsWith('.')
  );
}

/**
 * Removes a statement with the comments written directly above it, which describe it. A
 * comment block set apart by a blank line heads a section or the file, so it moves to the
 * next statement instead.
 */
export function removeStatement(statement: NodePath): void {
  const node = statement.node;
  const parentNode = statement.parent?.node as AstNode | undefined;
  const siblings = (parentNode?.body ?? parentNode?.consequent) as AstNode[] | undefined;
  const leading = ((node.comments as AstNode[] | undefined) ?? []).filter(
    (comment) => comment.leading,
  );
  const last = leading[leading.length - 1];
  const headsSection =
    last !== undefined && (node.loc?.start.line as number) - (last.loc?.end.line as number) > 1;
  const next = Array.isArray(siblings) ? siblings[siblings.indexOf(node) + 1] : undefined;
  if (headsSection && next) {
    const moved = leading.map((comment) => ({
      type: comment.type,
      value: comment.value,
      leading: true,
      trailing: false,
    }));
    next.comments = [...moved, ...((next.comments as AstNode[] | undefined) ?? [])];
    node.comments = (node.comments as AstNode[]).filter((comment) => !leading.includes(comment));
  }
  statement.prune();
}

function identifiersIn(nodes: readonly AstNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes)
    visitNodes(node, (child) => child.type === 'Identifier' && names.add(child.name));
  return names;
}

/**
 * Removes declarations that the removed code referenced and nothing references any more:
 * signing helpers, credential variables, and imports of crypto, SOAP and local modules.
 * Runs until nothing more is removed, because dropping a signer can free its imports.
 */
export function removeUnusedDeclarations(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  dropped: AstNode[],
  result: { secrets: SiteRecord[] },
): void {
  const candidates = identifiersIn(dropped);
  for (const binding of model.moduleBindings)
    binding.localNames.forEach((name) => candidates.add(name));
  let removed = true;
  while (removed) {
    removed = false;
    for (const name of [...candidates]) {
      const attachments = prototypeAssignments(j, root, name);
      if (referenceCount(j, root, name) > attachments.length) continue;
      const declaration = findTopLevelDeclaration(j, root, name);
      if (
        !declaration ||
        !isRemovable(
          declaration,
          name,
          attachments.map((statement) => statement.node),
        )
      )
        continue;
      const declaredNodes = [
        ...declaration.remove(),
        ...attachments.flatMap((statement) => prune(statement)),
      ];
      findCredentialLiterals(declaredNodes, name, result.secrets);
      if (declaration.kind === 'variable' && declaration.node.init?.type === 'NewExpression')
        findSecrets(declaration.node, result.secrets);
      for (const inner of identifiersIn(declaredNodes)) candidates.add(inner);
      candidates.delete(name);
      removed = true;
    }
  }
}

/**
 * Top-level `Name.prototype.method = ...` and `Name.member = ...` statements, which belong to
 * the declaration of `Name` and go with it.
 */
export function prototypeAssignments(
  j: JSCodeshift,
  root: Collection<unknown>,
  name: string,
): NodePath[] {
  const program = root.find(j.Program).paths()[0] as NodePath;
  const body = program.get('body') as NodePath;
  const found: NodePath[] = [];
  (program.node.body as AstNode[]).forEach((statement, index) => {
    if (statement.type === 'ExpressionStatement' && isPrototypeAssignment(statement, name))
      found.push(body.get(index) as NodePath);
  });
  return found;
}

function referenceCount(j: JSCodeshift, root: Collection<unknown>, name: string): number {
  return root
    .find(j.Identifier, { name })
    .filter((path: NodePath) => isReference(path))
    .size();
}

function isReference(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent.object === path.node || parent.computed;
    case 'ObjectProperty':
    case 'Property':
      if (path.parent.parent?.node.type === 'ObjectPattern') return false;
      return parent.value === path.node || parent.computed;
    case 'VariableDeclarator':
      return parent.init === path.node;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return false;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassMethod':
    case 'ObjectMethod':
      return !(
        parent.id === path.node ||
        (parent.params as AstNode[]).includes(path.node) ||
        parent.key === path.node
      );
    case 'ClassDeclaration':
    case 'ClassExpression':
      return parent.id !== path.node;
    case 'ClassProperty':
    case 'ClassPrivateProperty':
      return parent.value === path.node;
    case 'TSImportEqualsDeclaration':
      return parent.id !== path.node;
    case 'TSQualifiedName':
      return parent.left === path.node;
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return parent.key !== path.node;
    default:
      return true;
  }
}

interface Declaration {
  kind: 'function' | 'class' | 'variable' | 'import' | 'require-property';
  node: AstNode;
  /** Removes the declaration and returns the nodes that went with it. */
  remove(): AstNode[];
}

function findTopLevelDeclaration(
  j: JSCodeshift,
  root: Collection<unknown>,
  name: string,
): Declaration | null {
  const program = root.find(j.Program).paths()[0] as NodePath;
  const body = program.get('body') as NodePath;
  for (let index = 0; index < (program.node.body as AstNode[]).length; index++) {
    const statementPath = body.get(index) as NodePath;
    const statement = statementPath.node;
    if (
      (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') &&
      statement.id?.name === name
    ) {
      return {
        kind: statement.type === 'FunctionDeclaration' ? 'function' : 'class',
        node: statement,
        remove: () => prune(statementPath),
      };
    }
    if (statement.type === 'ImportDeclaration') {
      const specifiers = statement.specifiers as AstNode[];
      const specifier = specifiers.find((candidate) => candidate.local.name === name);
      if (!specifier) continue;
      return {
        kind: 'import',
        node: statement,
        remove: () => {
          if (specifiers.length === 1) return prune(statementPath);
          statement.specifiers = specifiers.filter((candidate) => candidate !== specifier);
          return [specifier];
        },
      };
    }
    if (statement.type === 'TSImportEqualsDeclaration' && statement.id.name === name) {
      return { kind: 'import', node: statement, remove: () => prune(statementPath) };
    }
    if (statement.type === 'VariableDeclaration') {
      const found = variableDeclaration(statementPath, name);
      if (found) return found;
    }
  }
  return null;
}

function prune(path: NodePath): AstNode[] {
  const node = path.node;
  removeStatement(path);
  return [node];
}

function variableDeclaration(statementPath: NodePath, name: string): Declaration | null {
  const statement = statementPath.node;
  const declarators = statement.declarations as AstNode[];
  for (const declarator of declarators) {
    if (declarator.id.type === 'Identifier' && declarator.id.name === name) {
      return {
        kind: 'variable',
        node: declarator,
        remove: () => {
          if (declarators.length === 1) return prune(statementPath);
          statement.declarations = declarators.filter((candidate) => candidate !== declarator);
          return [declarator];
        },
      };
    }
    if (declarator.id.type === 'ObjectPattern' && requiredModule(declarator.init) !== null) {
      const properties = declarator.id.properties as AstNode[];
      const property = properties.find(
        (candidate) => candidate.value?.type === 'Identifier' && candidate.value.name === name,
      );
      if (!property) continue;
      return {
        kind: 'require-property',
        node: declarator,
        remove: () => {
          if (properties.length === 1 && declarators.length === 1) return prune(statementPath);
          declarator.id.properties = properties.filter((candidate) => candidate !== property);
          return [property];
        },
      };
    }
  }
  return null;
}

function isPrototypeAssignment(statement: AstNode, name: string): boolean {
  const expression = statement.expression as AstNode;
  if (expression.type !== 'AssignmentExpression' || !isMember(expression.left)) return false;
  let target = expression.left as AstNode;
  while (isMember(target)) target = target.object;
  return target.type === 'Identifier' && target.name === name;
}

/** Only declarations the SOAP plumbing owned may go: signers, credentials and droppable imports. */
function isRemovable(
  declaration: Declaration,
  name: string,
  attachments: readonly AstNode[],
): boolean {
  const text = JSON.stringify(
    [declaration.node, ...attachments],
    [
      'type',
      'name',
      'value',
      'callee',
      'property',
      'body',
      'declarations',
      'init',
      'id',
      'arguments',
      'object',
      'expression',
      'left',
      'right',
      'quasis',
      'raw',
      'cooked',
      'key',
      'elements',
      'properties',
      'argument',
      'consequent',
      'alternate',
      'test',
      'params',
      'source',
      'specifiers',
    ],
  );
  switch (declaration.kind) {
    case 'function':
    case 'class':
      return SIGNING_TEXT.test(text);
    case 'import':
      return isDroppableModule(
        staticString(declaration.node.source) ??
          requiredModule(
            declaration.node.moduleReference?.expression
              ? {
                  type: 'CallExpression',
                  callee: { type: 'Identifier', name: 'require' },
                  arguments: [declaration.node.moduleReference.expression],
                }
              : null,
          ) ??
          '',
      );
    case 'require-property':
      return isDroppableModule(requiredModule(declaration.node.init) ?? '');
    case 'variable': {
      const init = declaration.node.init as AstNode | null;
      if (!init) return true;
      const module = requiredModule(init);
      if (module !== null) return isDroppableModule(module);
      if (isFunction(init) || init.type === 'ClassExpression' || init.type === 'ObjectExpression')
        return SIGNING_TEXT.test(text);
      if (init.type === 'NewExpression' && (init.arguments as AstNode[]).every(isPureValue)) {
        const className = init.callee.type === 'Identifier' ? (init.callee.name as string) : '';
        return /sign|secur|auth|header/i.test(`${name} ${className}`);
      }
      return (
        isPureValue(init) &&
        (CREDENTIAL_NAME.test(name) ||
          SIGNING_TEXT.test(text) ||
          /wsdl|soap|mktows|endpoint|namespace|header/i.test(name + text))
      );
    }
  }
}

/** True for values whose evaluation has no effect: literals and `process.env` reads. */
function isPureValue(node: AstNode): boolean {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'TemplateLiteral':
      return (node.expressions as AstNode[]).every(isPureValue);
    case 'Identifier':
      return node.name === 'undefined';
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return isPureValue(node.expression);
    case 'MemberExpression': {
      let object = node.object as AstNode;
      while (object.type === 'MemberExpression') object = object.object;
      return object.type === 'Identifier' && object.name === 'process';
    }
    case 'LogicalExpression':
    case 'BinaryExpression':
      return isPureValue(node.left) && isPureValue(node.right);
    default:
      return false;
  }
}
