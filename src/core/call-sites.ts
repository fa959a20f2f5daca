import type { Collection, JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type NodePath,
  isFunction,
  isMember,
  memberPropertyName,
  propertyKey,
  staticString,
} from './ast.js';
import {
  SOAP_ARGUMENT_KEYS,
  SOAP_PORT,
  SOAP_SERVICE,
  parseOperationName,
  type SoapOperation,
} from './operations.js';
import type { ReceiverKind, SoapClientModel } from './soap-clients.js';

/** One call of a SOAP operation, in any of the supported forms. */
export interface CallSite {
  path: NodePath;
  operation: SoapOperation;
  /** node-soap's `<op>Async` form, which resolves to `[result, raw, header, request]`. */
  async: boolean;
  /** The expression the operation is called on, past any `MktMktowsApiService.MktowsApiSoapPort`. */
  receiver: AstNode;
  receiverKind: ReceiverKind;
  /** True when the unknown receiver's arguments carry keys that only SOAP requests use. */
  soapShapedArguments: boolean;
  /**
   * True for a call of a `util.promisify`-ed operation, which resolves to the result itself
   * rather than node-soap's `[result, raw, header, request]`.
   */
  resolvesToResult?: boolean;
}

/** Calls of an operation promisified with `util.promisify`, and the declarations they use. */
export interface PromisifiedOperations {
  sites: CallSite[];
  /** `const getLead = util.promisify(client.getLead.bind(client))` declarators, by path. */
  declarators: NodePath[];
}

/** A use of an operation that cannot be rewritten in place, such as `util.promisify(client.getLead)`. */
export interface IndirectUse {
  path: NodePath;
  operation: SoapOperation | null;
  reason: string;
}

/**
 * Finds `client.op(...)`, `client.opAsync(...)`, `client['op'](...)` and
 * `client.MktMktowsApiService.MktowsApiSoapPort.op(...)` calls.
 */
export function findCallSites(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
): CallSite[] {
  const sites: CallSite[] = [];
  root.find(j.CallExpression).forEach((path: NodePath) => {
    const callee = path.node.callee as AstNode;
    if (!isMember(callee)) return;
    const name = memberPropertyName(callee) ?? constantPropertyName(path, callee);
    const parsed = name === null ? null : parseOperationName(name);
    if (!parsed) return;
    const receiver = unwrapServicePort(callee.object);
    const receiverKind = model.classify(receiver);
    if (
      receiverKind === 'unknown' &&
      !parsed.async &&
      isRestClientCall(parsed.operation, path.node)
    )
      return;
    // `client.soapView.<operation>(response, ...)` is the REST client's SOAP-shaped view.
    if (
      receiverKind === 'unknown' &&
      isMember(receiver) &&
      memberPropertyName(receiver) === 'soapView'
    )
      return;
    sites.push({
      path,
      operation: parsed.operation,
      async: parsed.async,
      receiver,
      receiverKind,
      soapShapedArguments: hasSoapShapedArguments(path.node.arguments[0]),
    });
  });
  return sites;
}

/** SOAP operations whose name the REST client also uses for a method, after Adobe's titles. */
const REST_CLIENT_NAMES: ReadonlySet<string> = new Set([
  'requestCampaign',
  'scheduleCampaign',
  'mergeLeads',
  'getLeadChanges',
  'getChannels',
  'getCustomObjects',
  'syncCustomObjects',
  'deleteCustomObjects',
]);

/**
 * True for a call in the REST client's form, such as `client.requestCampaign(id, { leadIds })`.
 * A SOAP call passes one request and at most a callback. These REST methods take no callback,
 * and their last argument is an object or array literal or a computed value. A call with no
 * argument, or with one object literal that has no SOAP-only key, such as
 * `client.getChannels({ maxReturn: 200 })`, is in the REST form too.
 */
function isRestClientCall(operation: string, call: AstNode): boolean {
  if (!REST_CLIENT_NAMES.has(operation)) return false;
  const args = call.arguments as AstNode[];
  if (args.some((argument) => isFunction(argument))) return false;
  if (args.length === 0) return true;
  if (args.length === 1)
    return args[0]!.type === 'ObjectExpression' && !hasSoapShapedArguments(args[0]);
  const last = args[args.length - 1]!;
  return (
    last.type === 'ObjectExpression' ||
    last.type === 'ArrayExpression' ||
    last.type === 'CallExpression'
  );
}

/**
 * Returns the operation name of `client[name](...)` when `name` is a `const` initialised with
 * a string literal, so the operation is certain.
 */
function constantPropertyName(path: NodePath, callee: AstNode): string | null {
  if (!callee.computed || callee.property.type !== 'Identifier') return null;
  const name = callee.property.name as string;
  const scope = (path as unknown as { scope?: { lookup(name: string): unknown } }).scope?.lookup(
    name,
  ) as { getBindings(): Record<string, NodePath[]> } | undefined;
  const bindings = scope?.getBindings()[name];
  if (!bindings || bindings.length !== 1) return null;
  const declarator = bindings[0]!.parent as NodePath;
  const declaration = declarator.parent?.node as AstNode | undefined;
  if (declarator.node.type !== 'VariableDeclarator' || declaration?.kind !== 'const') return null;
  return staticString(declarator.node.init);
}

/** Strips `.MktMktowsApiService.MktowsApiSoapPort` from the receiver. */
function unwrapServicePort(receiver: AstNode): AstNode {
  if (!isMember(receiver) || !isPortName(memberPropertyName(receiver))) return receiver;
  const service = receiver.object as AstNode;
  if (!isMember(service) || !isServiceName(memberPropertyName(service))) return receiver;
  return service.object;
}

// The WSDL names them MktMktowsApiService and MktowsApiSoapPort. node-soap and strong-soap take
// the names from the WSDL a caller loads, so other WSDL versions may spell them differently.
function isServiceName(name: string | null): boolean {
  return (
    name === SOAP_SERVICE ||
    (name !== null && /Service$/.test(name) && /mktows|marketo/i.test(name))
  );
}

function isPortName(name: string | null): boolean {
  return (
    name === SOAP_PORT ||
    (name !== null && /(Port|Soap)$/.test(name) && /mktows|marketo/i.test(name))
  );
}

function hasSoapShapedArguments(argument: AstNode | undefined): boolean {
  if (!argument) return false;
  if (
    argument.type === 'StringLiteral' ||
    argument.type === 'TemplateLiteral' ||
    argument.type === 'BinaryExpression'
  ) {
    return /<(?:\w+:)?params[A-Z]\w*/.test(sourceTextOf(argument));
  }
  if (argument.type !== 'ObjectExpression') return false;
  return (argument.properties as AstNode[]).some((property) => {
    const key = propertyKey(property);
    return key !== null && SOAP_ARGUMENT_KEYS.has(key);
  });
}

function sourceTextOf(node: AstNode): string {
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral')
    return (node.quasis as AstNode[]).map((quasi) => quasi.value.raw as string).join('');
  if (node.type === 'BinaryExpression') return sourceTextOf(node.left) + sourceTextOf(node.right);
  return '';
}

/**
 * Finds `const name = util.promisify(client.op)` (with or without `.bind(client)`) and every
 * `name(args)` call in the file, which become call sites of `op` on `client`.
 */
export function findPromisifiedOperations(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
): PromisifiedOperations {
  const found: PromisifiedOperations = { sites: [], declarators: [] };
  root.find(j.VariableDeclarator).forEach((declarator: NodePath) => {
    const { id, init } = declarator.node;
    if (id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.arguments.length !== 1)
      return;
    const callee = init.callee as AstNode;
    const calleeName =
      callee.type === 'Identifier'
        ? callee.name
        : isMember(callee)
          ? memberPropertyName(callee)
          : null;
    if (calleeName !== 'promisify') return;
    let target = init.arguments[0] as AstNode;
    if (
      isMember(target.callee) &&
      memberPropertyName(target.callee) === 'bind' &&
      target.type === 'CallExpression'
    )
      target = target.callee.object;
    if (!isMember(target)) return;
    const name = memberPropertyName(target);
    const parsed = name === null ? null : parseOperationName(name);
    const receiver = unwrapServicePort(target.object);
    if (!parsed || parsed.async || !model.isClient(receiver)) return;
    const calls = root
      .find(j.CallExpression, { callee: { type: 'Identifier', name: id.name } })
      .paths() as NodePath[];
    if (calls.length === 0) return;
    found.declarators.push(declarator);
    for (const path of calls) {
      found.sites.push({
        path,
        operation: parsed.operation,
        async: true,
        receiver,
        receiverKind: 'soap',
        soapShapedArguments: hasSoapShapedArguments(path.node.arguments[0]),
        resolvesToResult: true,
      });
    }
  });
  return found;
}

/**
 * Finds operation uses that are not plain calls on a SOAP client: computed names
 * (`client[name](...)`), `util.promisify(client.op)` and `promisifyAll(client)`.
 */
export function findIndirectUses(
  j: JSCodeshift,
  root: Collection<unknown>,
  model: SoapClientModel,
  handled: readonly NodePath[] = [],
): IndirectUse[] {
  const uses: IndirectUse[] = [];
  const handledNodes = new Set(handled.map((path) => path.node));
  root.find(j.MemberExpression).forEach((path: NodePath) => {
    const member = path.node;
    for (
      let ancestor = path.parent as NodePath | null;
      ancestor;
      ancestor = ancestor.parent as NodePath | null
    ) {
      if (handledNodes.has(ancestor.node)) return;
    }
    const parent = path.parent?.node as AstNode;
    const isCallee = parent?.type === 'CallExpression' && parent.callee === member;
    if (!model.isClient(unwrapServicePort(member.object))) return;
    const name = memberPropertyName(member);
    if (name === null && member.computed && isCallee) {
      uses.push({
        path: path.parent as NodePath,
        operation: null,
        reason: 'calls a SOAP operation whose name is computed at run time',
      });
      return;
    }
    const parsed = name === null ? null : parseOperationName(name);
    if (!parsed || isCallee) return;
    if (
      isMember(parent) &&
      memberPropertyName(parent) === 'bind' &&
      isCalleeOf(path.parent as NodePath)
    ) {
      uses.push({
        path: path.parent.parent as NodePath,
        operation: parsed.operation,
        reason: `passes ${parsed.operation} on as a function`,
      });
      return;
    }
    uses.push({
      path,
      operation: parsed.operation,
      reason: `passes ${parsed.operation} on as a function`,
    });
  });
  // `const { getLead } = client` takes the method off the client, so its calls cannot be traced.
  root.find(j.VariableDeclarator).forEach((path: NodePath) => {
    const { id, init } = path.node;
    if (id.type !== 'ObjectPattern' || !model.isClient(init)) return;
    for (const property of id.properties as AstNode[]) {
      const key = propertyKey(property);
      const parsed = key === null ? null : parseOperationName(key);
      if (parsed)
        uses.push({
          path,
          operation: parsed.operation,
          reason: `takes ${key} off the SOAP client by destructuring`,
        });
    }
  });
  root.find(j.CallExpression).forEach((path: NodePath) => {
    const callee = path.node.callee as AstNode;
    const name =
      callee.type === 'Identifier'
        ? callee.name
        : isMember(callee)
          ? memberPropertyName(callee)
          : null;
    if (name !== 'promisifyAll' || !model.isClient(path.node.arguments[0])) return;
    uses.push({ path, operation: null, reason: 'promisifies the SOAP client with promisifyAll' });
  });
  return uses;
}

function isCalleeOf(path: NodePath): boolean {
  const parent = path.parent?.node as AstNode | undefined;
  return parent?.type === 'CallExpression' && parent.callee === path.node;
}
