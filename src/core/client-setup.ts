import type { Collection, JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type NodePath,
  type CodeBuilder,
  enclosingStatement,
  isFunction,
  isMember,
  memberPropertyName,
  nodeLocation,
  propertyValue,
  staticString,
} from './ast.js';
import type { SoapClientModel } from './soap-clients.js';
import type { SiteRecord } from './types.js';

/** Methods of a node-soap client that only attach SOAP headers and security. */
const SECURITY_METHODS = new Set([
  'setSecurity',
  'addSoapHeader',
  'addSoapHeaders',
  'clearSoapHeaders',
  'setEndpoint',
  'addHttpHeader',
]);

/** Text that marks code as part of the SOAP AuthenticationHeader signing. */
const SIGNING_TEXT =
  /createHmac|AuthenticationHeader|mktowsUserId|requestSignature|requestTimestamp|toXML/;

/** Variable names that hold SOAP credentials. */
const CREDENTIAL_NAME = /encrypt|secret|signingKey|(^|_)key$|password|mktowsUserId|userId|user_id/i;

/** Modules that are safe to drop once nothing references what they bind. */
function isDroppableModule(specifier: string): boolean {
  return (
    ['crypto', 'node:crypto', 'moment', 'soap', 'strong-soap', 'node-marketo-soap'].includes(
      specifier,
    ) || specifier.startsWith('.')
  );
}

export interface ClientSetupResult {
  /** Client factory calls and security statements rewritten or removed. */
  converted: number;
  imports: string[];
  secrets: SiteRecord[];
  markers: Array<{ path: NodePath; message: string }>;
}

/** Reads the workspace of `MktowsContextHeader` headers set on SOAP clients in the file. */
export function findTargetWorkspace(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
): string | 'dynamic' | null {
  let workspace: string | 'dynamic' | null = null;
  root.find(j.CallExpression).forEach((path: NodePath) => {
    const callee = path.node.callee as AstNode;
    if (
      !isMember(callee) ||
      memberPropertyName(callee) !== 'addSoapHeader' ||
      !model.isClient(callee.object)
    )
      return;
    const header = path.node.arguments[0] as AstNode | undefined;
    if (!header) return;
    const context = propertyValue(header, 'MktowsContextHeader');
    if (context) {
      workspace = staticString(propertyValue(context, 'targetWorkspace')) ?? 'dynamic';
      return;
    }
    const text = staticString(header);
    if (text?.includes('MktowsContextHeader')) {
      workspace = /<targetWorkspace>([^<]+)<\/targetWorkspace>/.exec(text)?.[1] ?? 'dynamic';
      return;
    }
    if (
      header.type !== 'StringLiteral' &&
      /MktowsContextHeader/.test(
        JSON.stringify(header, [
          'type',
          'value',
          'name',
          'quasis',
          'raw',
          'left',
          'right',
          'expressions',
        ]),
      )
    ) {
      workspace = 'dynamic';
    }
  });
  return workspace;
}

/**
 * Replaces SOAP client creation with the REST client built from environment variables,
 * removes the AuthenticationHeader plumbing and, when nothing else uses them, the signing
 * helpers, credential variables and SOAP imports they leave behind.
 */
export function rewriteClientSetup(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  builder: CodeBuilder,
  keptPositions: readonly number[],
): ClientSetupResult {
  const result: ClientSetupResult = { converted: 0, imports: [], secrets: [], markers: [] };
  const dropped: AstNode[] = [];
  // A factory call around an ignored SOAP call stays SOAP, with its security setup, so the
  // ignored call keeps a SOAP client to run on.
  const kept = model.factoryCalls.filter((factory) =>
    keptPositions.some((position) => contains(factory.path.node, position)),
  );
  const isKept = (node: AstNode): boolean =>
    kept.some((factory) => contains(factory.path.node, node.start as number));

  for (const factory of model.factoryCalls) {
    if (kept.includes(factory)) continue;
    const args = factory.path.node.arguments as AstNode[];
    if (factory.style === 'promise') {
      for (const option of args.slice(1))
        if (option.type === 'ObjectExpression') findSecrets(option, result.secrets);
      dropped.push(...args);
      factory.path.replace(builder.expression('createRestClientAsync()'));
      result.imports.push('createRestClientAsync');
      result.converted++;
      continue;
    }
    const callback = args.slice(1).find(isFunction) ?? (args.length === 2 ? args[1] : args[2]);
    if (!callback) {
      result.markers.push({
        path: factory.path,
        message:
          'this SOAP client is created without a callback. Create the REST client with restClientFromEnv() instead.',
      });
      continue;
    }
    const options = args.filter((arg) => arg !== callback);
    // node-soap options can carry credentials, such as a Basic Authorization wsdl header.
    for (const option of options.slice(1))
      if (option.type === 'ObjectExpression') findSecrets(option, result.secrets);
    dropped.push(...options);
    factory.path.replace(builder.expression('createRestClient(__slot0)', [callback]));
    result.imports.push('createRestClient');
    result.converted++;
  }

  root.find(j.CallExpression).forEach((path: NodePath) => {
    const callee = path.node.callee as AstNode;
    if (!isMember(callee)) return;
    const method = memberPropertyName(callee);
    if (
      method === null ||
      !SECURITY_METHODS.has(method) ||
      !model.isClient(callee.object) ||
      isKept(path.node)
    )
      return;
    const statement = enclosingStatement(path);
    if (
      !statement ||
      statement.node.type !== 'ExpressionStatement' ||
      statement.node.expression !== path.node
    ) {
      result.markers.push({
        path,
        message: `REST clients authenticate with OAuth, so ${method} has no REST counterpart. Remove this call.`,
      });
      return;
    }
    findSecrets(statement.node, result.secrets);
    dropped.push(statement.node);
    removeStatement(statement);
  });

  retypeSoapClients(j, root, model, result);
  removeUnusedDeclarations(j, root, model, dropped, result);
  return result;
}

function contains(node: AstNode, position: number): boolean {
  return (node.start as number) <= position && position < (node.end as number);
}

/** Replaces `soap.Client` and `Client` type references with `MarketoRestClient`. */
function retypeSoapClients(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  result: ClientSetupResult,
): void {
  root.find(j.TSTypeReference).forEach((path: NodePath) => {
    const name = path.node.typeName as AstNode;
    const isSoapType =
      (name.type === 'Identifier' && model.typeNames.has(name.name)) ||
      (name.type === 'TSQualifiedName' &&
        name.left.type === 'Identifier' &&
        model.namespaces.has(name.left.name) &&
        name.right.name === 'Client');
    if (!isSoapType) return;
    path.replace(j.tsTypeReference(j.identifier('MarketoRestClient')));
    result.imports.push('MarketoRestClient');
  });
}

/**
 * Removes a statement with the comments written directly above it, which describe it. A
 * comment block set apart by a blank line heads a section or the file, so it moves to the
 * next statement instead.
 */
function removeStatement(statement: NodePath): void {
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

/** Reports string literals passed as SOAP credentials, without their values. */
function findSecrets(node: AstNode, secrets: SiteRecord[]): void {
  visit(node, (child) => {
    if (child.type !== 'StringLiteral' || !child.loc || child.value.length < 8) return;
    if (/^(https?:|\/|<|\.)/.test(child.value) || /\s/.test(child.value)) return;
    secrets.push({
      ...nodeLocation(child),
      transform: 'client',
      reason: 'a hard-coded SOAP credential (the value is not copied into the output)',
    });
  });
}

function visit(node: unknown, callback: (node: AstNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((child) => visit(child, callback));
    return;
  }
  const record = node as AstNode;
  if (typeof record.type !== 'string') return;
  callback(record);
  for (const [key, child] of Object.entries(record)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original') continue;
    visit(child, callback);
  }
}

function identifiersIn(nodes: readonly AstNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes)
    visit(node, (child) => child.type === 'Identifier' && names.add(child.name));
  return names;
}

/**
 * Removes declarations that the removed code referenced and nothing references any more:
 * signing helpers, credential variables, and imports of crypto, SOAP and local modules.
 * Runs until nothing more is removed, because dropping a signer can free its imports.
 */
function removeUnusedDeclarations(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  dropped: AstNode[],
  result: ClientSetupResult,
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
function prototypeAssignments(j: JSCodeshift, root: Collection<unknown>, name: string): NodePath[] {
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

function requiredModule(node: AstNode | null | undefined): string | null {
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

function findCredentialLiterals(
  nodes: readonly AstNode[],
  name: string,
  secrets: SiteRecord[],
): void {
  if (!CREDENTIAL_NAME.test(name)) return;
  for (const node of nodes) {
    visit(node, (child) => {
      if (
        child.type !== 'StringLiteral' ||
        !child.loc ||
        child.value.length < 8 ||
        /^https?:/.test(child.value)
      )
        return;
      secrets.push({
        ...nodeLocation(child),
        transform: 'client',
        reason: `a hard-coded SOAP credential in ${name} (the value is not copied into the output)`,
      });
    });
  }
}

/**
 * Marks a declaration that signs SOAP requests in a file with no SOAP client: it becomes
 * dead code once the callers use the REST client, but other files may still import it.
 */
export interface Signer {
  path: NodePath;
  /** The signer's declaration and its `Name.prototype.x = ...` statements. */
  nodes: AstNode[];
}

export function findOrphanSigners(j: JSCodeshift, root: Collection<unknown>): Signer[] {
  const signers: Signer[] = [];
  const program = root.find(j.Program).paths()[0] as NodePath;
  const body = program.get('body') as NodePath;
  (program.node.body as AstNode[]).forEach((statement, index) => {
    const candidate =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
        ? statement.declaration
        : statement;
    if (
      !candidate ||
      !['FunctionDeclaration', 'ClassDeclaration', 'VariableDeclaration'].includes(candidate.type)
    )
      return;
    const name = candidate.id?.name ?? candidate.declarations?.[0]?.id?.name;
    const attachments =
      typeof name === 'string' ? prototypeAssignments(j, root, name).map((path) => path.node) : [];
    const text = JSON.stringify(
      [candidate, ...attachments],
      [
        'type',
        'name',
        'value',
        'body',
        'declarations',
        'init',
        'callee',
        'property',
        'arguments',
        'object',
        'expression',
        'left',
        'right',
        'quasis',
        'raw',
        'key',
        'argument',
        'properties',
      ],
    );
    // A function that also builds a request body (`params<Op>`) is a hand-built request, not a signer.
    if (
      /AuthenticationHeader|requestSignature/.test(text) &&
      /createHmac|hmac/i.test(text) &&
      !/params[A-Z]/.test(text)
    ) {
      signers.push({ path: body.get(index) as NodePath, nodes: [statement, ...attachments] });
    }
  });
  return signers;
}
