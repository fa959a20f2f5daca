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
import { findSecrets } from './secrets.js';
import { removeStatement, removeUnusedDeclarations } from './unused-declarations.js';

/** Methods of a node-soap client that only attach SOAP headers and security. */
const SECURITY_METHODS = new Set([
  'setSecurity',
  'addSoapHeader',
  'addSoapHeaders',
  'clearSoapHeaders',
  'setEndpoint',
  'addHttpHeader',
]);

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
  const keptFactories = model.factoryCalls.filter((factory) =>
    keptPositions.some((position) => contains(factory.path.node, position)),
  );
  const isKept = (node: AstNode): boolean =>
    keptFactories.some((factory) => contains(factory.path.node, node.start as number));

  for (const factory of model.factoryCalls) {
    if (keptFactories.includes(factory)) continue;
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
