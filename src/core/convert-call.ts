import type { JSCodeshift } from 'jscodeshift';
import { type AstNode, type NodePath, cloneNode, enclosingFunction, isFunction } from './ast.js';
import type { CallSite } from './call-sites.js';
import { FAULT_MARKER, rewriteFaultReads } from './faults.js';
import {
  type OperationRecipe,
  type RecipeContext,
  type RestCall,
  type ResultMode,
  isUnconvertible,
} from './recipe.js';
import { type ReadAnalysis, type ResultShape, analyzeReads } from './result-reads.js';

/** Outcome of converting one call site. */
export type CallConversion =
  | { converted: true; imports: string[]; markers: Array<{ path: NodePath; message: string }> }
  | { converted: false; reason: string };

/** Delivery style of a SOAP call's result: callback, awaited, or a promise passed on. */
type CallStyle =
  | { kind: 'callback'; callback: AstNode }
  | { kind: 'await'; declarator: AstNode | null }
  | { kind: 'promise' };

const RAW_ARGUMENTS_MARKER =
  'the callback reads the raw SOAP response, header or request, which REST calls do not return. Log err.requestId instead, or remove these reads.';

/**
 * Rewrites one SOAP call into its REST call, keeping the call style: an error-first callback
 * goes through `toCallback`, which calls it exactly once with `(err, result)`, and an awaited
 * `<op>Async` call resolves to the result itself instead of `[result, ...]`. Reads of the
 * result move to the REST shape when all of them are understood; otherwise the result is
 * the SOAP-shaped view, and a marker says so when it leaves the function.
 */
export function convertCallSite(
  j: JSCodeshift,
  site: CallSite,
  recipe: OperationRecipe,
  context: RecipeContext,
): CallConversion {
  const call = site.path.node;
  const style = callStyle(site);
  if (!style) {
    return {
      converted: false,
      reason: `${site.operation}: this call passes no callback, so its result cannot be delivered. Add a callback or use ${site.operation}Async, then run the migration again.`,
    };
  }
  const markers: Array<{ path: NodePath; message: string }> = [];
  const result = resultBinding(site, style);
  const shape = withFieldMap(recipe.resultShape, context.fieldMap);
  const analysis: ReadAnalysis = result
    ? analyzeReads(j, result.scope, result.name, shape)
    : isDiscardedAwait(site, style)
      ? { kind: 'unused' }
      : { kind: 'soap', escapes: result === null && style.kind !== 'await' };
  const mode: ResultMode = analysis.kind === 'soap' ? 'soap' : 'rest';
  const resolver = new ConstantResolver(j, site.path);
  const fieldsRead = analysis.kind === 'rest' ? analysis.fieldsRead : [];
  const restCall = recipe.buildCall(
    resolver.resolve(call.arguments[0]) ?? undefined,
    { ...context, resolve: resolver.resolve, callPath: site.path },
    mode,
    fieldsRead,
  );
  if (isUnconvertible(restCall)) return { converted: false, reason: restCall.unconvertible };

  const imports = [...restCall.imports];
  // A promisified operation's receiver sits in its declaration, which other calls share.
  const receiver = site.resolvesToResult ? cloneNode(site.receiver) : site.receiver;
  let promise = buildPromise(j, context, restCall, receiver, mode);
  if (analysis.kind === 'rest') analysis.apply();
  if (analysis.kind === 'soap' && analysis.escapes && !restCall.soapShaped) {
    markers.push({ path: site.path, message: escapeMessage(site, recipe) });
  }
  for (const note of restCall.notes) markers.push({ path: site.path, message: note });

  if (style.kind === 'callback' && (call.arguments as AstNode[]).length > 2) {
    markers.push({
      path: site.path,
      message: `${site.operation}: the node-soap options and extra headers after the callback have no REST counterpart and were dropped. Set timeouts on the REST client instead.`,
    });
  }
  if (style.kind === 'callback') {
    imports.push('toCallback');
    markers.push(...adaptCallback(j, style.callback, site.path));
    site.path.replace(
      context.builder.expression('toCallback(__slot0, __slot1)', [promise, style.callback]),
    );
    resolver.release();
    return { converted: true, imports, markers };
  }
  if (style.kind === 'await') {
    if (site.resolvesToResult) {
      // A promisified operation already resolved to the result itself.
    } else if (
      style.declarator?.id.type === 'ArrayPattern' &&
      style.declarator.id.elements.length === 1
    ) {
      style.declarator.id = style.declarator.id.elements[0];
    } else if (style.declarator) {
      // `const [res, raw] = ...` keeps its array, whose raw SOAP parts are now undefined.
      promise = context.builder.expression('__slot0.then((result) => [result])', [promise]);
      if (style.declarator.id.type === 'ArrayPattern' && style.declarator.id.elements.length > 1)
        markers.push({ path: site.path, message: RAW_ARGUMENTS_MARKER });
    }
    site.path.replace(promise);
    markers.push(...adaptCatchClauses(j, site.path));
    resolver.release();
    return { converted: true, imports, markers };
  }
  site.path.replace(
    site.resolvesToResult
      ? promise
      : context.builder.expression('__slot0.then((result) => [result])', [promise]),
  );
  resolver.release();
  return { converted: true, imports, markers };
}

/**
 * Replaces variables in a SOAP request by copies of the object or array literals they hold,
 * when nothing reassigns or changes them, so that recipes can read requests built in steps.
 * After the conversion, `release` removes the declarations the call no longer needs.
 */
class ConstantResolver {
  private readonly used: Array<{ declarator: NodePath; scope: NodePath; name: string }> = [];

  constructor(
    private readonly j: JSCodeshift,
    private readonly site: NodePath,
  ) {}

  readonly resolve = (node: AstNode | null | undefined): AstNode | null => {
    if (!node || node.type !== 'Identifier') return node ?? null;
    const found = this.lookup(node.name as string);
    if (!found) return node;
    this.used.push(found);
    return cloneNode(found.declarator.node.init as AstNode);
  };

  private lookup(name: string): { declarator: NodePath; scope: NodePath; name: string } | null {
    const scope = (
      this.site as unknown as { scope?: { lookup(name: string): unknown } }
    ).scope?.lookup(name) as
      { getBindings(): Record<string, NodePath[]>; path: NodePath } | undefined;
    const bindings = scope?.getBindings()[name];
    if (!scope || !bindings || bindings.length !== 1) return null;
    const declarator = bindings[0]!.parent as NodePath;
    const init = declarator.node.init as AstNode | undefined;
    if (
      declarator.node.type !== 'VariableDeclarator' ||
      (init?.type !== 'ObjectExpression' && init?.type !== 'ArrayExpression')
    )
      return null;
    const { j } = this;
    const written = j(scope.path as never)
      .find(j.Identifier, { name })
      .filter((path: NodePath) => {
        const parent = path.parent?.node as AstNode;
        if (parent.type === 'AssignmentExpression' && parent.left === path.node) return true;
        if (parent.type === 'UpdateExpression') return true;
        // Climb `name.a.b` to its top: an assignment to any depth, or a method call such as
        // `list.push(x)`, may change the literal.
        let top = path;
        while (isMemberNode(top.parent?.node) && top.parent.node.object === top.node)
          top = top.parent as NodePath;
        if (top === path) return false;
        const holder = top.parent?.node as AstNode | undefined;
        if (
          (holder?.type === 'AssignmentExpression' && holder.left === top.node) ||
          holder?.type === 'UpdateExpression'
        )
          return true;
        if (holder?.type === 'UnaryExpression' && holder.operator === 'delete') return true;
        return holder?.type === 'CallExpression' && holder.callee === top.node;
      })
      .size();
    return written > 0 ? null : { declarator, scope: scope.path, name };
  }

  /** Removes each resolved declaration that nothing reads any more. */
  release(): void {
    const { j } = this;
    // One variable can be resolved several times; it is removed once.
    let pending = this.used.filter(
      (entry, index) =>
        this.used.findIndex((other) => other.declarator === entry.declarator) === index,
    );
    let removed = true;
    // Removing one declaration can free another that only it read, so repeat until stable.
    while (removed) {
      removed = false;
      pending = pending.filter(({ declarator, scope, name }) => {
        const uses = j(scope as never)
          .find(j.Identifier, { name })
          .filter((path: NodePath) => {
            if (path.node === declarator.node.id) return false;
            const parent = path.parent?.node as AstNode | undefined;
            if (isMemberNode(parent) && parent!.property === path.node && !parent!.computed)
              return false;
            return !(
              (parent?.type === 'ObjectProperty' || parent?.type === 'Property') &&
              parent.key === path.node &&
              !parent.shorthand
            );
          })
          .size();
        if (uses > 0) return true;
        const statement = declarator.parent as NodePath;
        if (statement.node.declarations.length === 1) statement.prune();
        else declarator.prune();
        removed = true;
        return false;
      });
    }
  }
}

function isMemberNode(node: AstNode | undefined): boolean {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}

/** Lets a field map name the custom fields that attribute reads use. */
function withFieldMap(shape: ResultShape, fieldMap: Readonly<Record<string, string>>): ResultShape {
  const known = shape.attributeRestName;
  if (!known || Object.keys(fieldMap).length === 0) return shape;
  return { ...shape, attributeRestName: (soapName) => fieldMap[soapName] ?? known(soapName) };
}

function escapeMessage(site: CallSite, recipe: OperationRecipe): string {
  return `the ${site.operation} result leaves this function in the SOAP shape, rebuilt by soapView.${recipe.operation}. Once the code that reads it uses the REST shape, remove that step.`;
}

/** True for `await client.opAsync(args);` as a statement of its own, whose result nothing reads. */
function isDiscardedAwait(site: CallSite, style: CallStyle): boolean {
  if (style.kind !== 'await' || style.declarator) return false;
  return site.path.parent?.parent?.node.type === 'ExpressionStatement';
}

function callStyle(site: CallSite): CallStyle | null {
  const args = site.path.node.arguments as AstNode[];
  if (site.async) {
    const parent = site.path.parent?.node as AstNode | undefined;
    if (parent?.type === 'AwaitExpression') {
      const holder = site.path.parent.parent?.node as AstNode | undefined;
      return { kind: 'await', declarator: holder?.type === 'VariableDeclarator' ? holder : null };
    }
    return { kind: 'promise' };
  }
  // node-soap's signature is (args, callback, options, extraHeaders).
  const callback = args[1];
  if (!callback || callback.type === 'ObjectExpression' || callback.type === 'StringLiteral')
    return null;
  return { kind: 'callback', callback };
}

/** Variable that receives the SOAP result, with the code where it can be read. */
function resultBinding(site: CallSite, style: CallStyle): { name: string; scope: NodePath } | null {
  if (style.kind === 'callback') {
    const callback = style.callback;
    if (!isFunction(callback)) return null;
    const param = callback.params[1] as AstNode | undefined;
    if (!param) return { name: '\u0000unused', scope: site.path };
    if (param.type !== 'Identifier') return null;
    const callbackPath = findChildPath(site.path, callback);
    return callbackPath ? { name: param.name, scope: callbackPath } : null;
  }
  if (style.kind === 'await' && style.declarator) {
    const id = style.declarator.id as AstNode;
    let element: AstNode | null = null;
    if (site.resolvesToResult) element = id;
    else if (id.type === 'ArrayPattern' && id.elements.length === 1) element = id.elements[0];
    if (element?.type !== 'Identifier') return null;
    const scope = enclosingFunction(site.path) ?? programPath(site.path);
    return { name: element.name, scope };
  }
  return null;
}

function programPath(path: NodePath): NodePath {
  let current = path;
  while (current.parent) current = current.parent as NodePath;
  return current;
}

function findChildPath(callPath: NodePath, node: AstNode): NodePath | null {
  const args = callPath.get('arguments') as NodePath;
  const index = (callPath.node.arguments as AstNode[]).indexOf(node);
  return index === -1 ? null : (args.get(index) as NodePath);
}

/** Chains the REST call, its steps and the result handler for the mode into one promise. */
function buildPromise(
  j: JSCodeshift,
  context: RecipeContext,
  call: RestCall,
  receiver: AstNode,
  mode: ResultMode,
): AstNode {
  void j;
  const handlers = [...call.steps];
  const finalStep = mode === 'soap' ? call.view : call.restStep;
  if (finalStep) handlers.push(finalStep);
  const code = handlers.reduce((chain, handler) => `${chain}.then(${handler})`, call.expression);
  const clientSlot = call.slots.length;
  const withClient = code.replace(/__client\b/g, `__slot${clientSlot}`);
  let uses = 0;
  const slots = [...call.slots];
  // Each use of the receiver gets its own copy, because one node cannot sit in two places.
  const expanded = withClient.replace(new RegExp(`__slot${clientSlot}\\b`, 'g'), () => {
    const index = slots.length;
    slots.push(uses++ === 0 ? receiver : cloneNode(receiver));
    return `__slot${index}`;
  });
  return context.builder.expression(expanded, slots);
}

/** Rewrites fault reads on the callback's error and marks reads of the extra arguments. */
function adaptCallback(
  j: JSCodeshift,
  callback: AstNode,
  callPath: NodePath,
): Array<{ path: NodePath; message: string }> {
  const markers: Array<{ path: NodePath; message: string }> = [];
  if (!isFunction(callback)) return markers;
  const callbackPath = findChildPath(callPath, callback);
  if (!callbackPath) return markers;
  const errorParam = callback.params[0] as AstNode | undefined;
  if (errorParam?.type === 'Identifier') {
    const faults = rewriteFaultReads(
      j,
      j(callbackPath.get('body') as NodePath as never),
      errorParam.name,
    );
    for (const path of faults.unconvertible) markers.push({ path, message: FAULT_MARKER });
  }
  const extra = (callback.params as AstNode[])
    .slice(2)
    .filter((param) => param.type === 'Identifier');
  const readsExtra = extra.some(
    (param) =>
      j(callbackPath.get('body') as NodePath as never)
        .find(j.Identifier, { name: param.name })
        .size() > 0,
  );
  if (readsExtra) markers.push({ path: callbackPath, message: RAW_ARGUMENTS_MARKER });
  return markers;
}

/** Rewrites fault reads in the catch clauses of try statements around an awaited call. */
function adaptCatchClauses(
  j: JSCodeshift,
  path: NodePath,
): Array<{ path: NodePath; message: string }> {
  const markers: Array<{ path: NodePath; message: string }> = [];
  let current = path.parent as NodePath | null;
  while (current && !isFunction(current.node)) {
    const node = current.node;
    if (node.type === 'TryStatement' && node.handler?.param?.type === 'Identifier') {
      const handlerPath = current.get('handler') as NodePath;
      const faults = rewriteFaultReads(
        j,
        j(handlerPath.get('body') as NodePath as never),
        node.handler.param.name,
      );
      for (const fault of faults.unconvertible)
        markers.push({ path: fault, message: FAULT_MARKER });
    }
    current = current.parent as NodePath | null;
  }
  return markers;
}
