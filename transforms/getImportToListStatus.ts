import {
  type AstNode,
  type NodePath,
  cloneNode,
  isCall,
  isFunction,
  isMember,
  memberPropertyName,
  propertyValue,
} from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { readImport } from './importToList.js';
import { requestObject } from './soap-request.js';

const NOT_IN_VIEW =
  'REST finds an import by the batch id that the import call returns, not by program and list name. No importToList call with the same names is in view here, so keep result[0].batchId from client.importLeads and call client.getImportLeadStatus(batchId).';

/**
 * getImportToListStatus becomes Get Import Lead Status. SOAP found the import by program and
 * list name, REST by batch id, so the call converts only inside the callback of an importToList
 * call with the same names, or after an awaited one in an enclosing block. That import's result
 * contains the batch id. Any other call is marked.
 */
export const getImportToListStatus: OperationRecipe = {
  operation: 'getImportToListStatus',
  restEndpoints: ['GET /bulk/v1/leads/batch/{batchId}.json'],
  summary:
    'Rewrites getImportToListStatus to Get Import Lead Status, with the batch id of the import call in view.',
  resultShape: {
    arrays: {},
    values: {
      'result.status': {
        rest: 'result.0.status',
        literals: { COMPLETE: 'Complete', FAILED: 'Failed' },
        comparisonOnly: true,
      },
      'result.rowsImported': { rest: 'result.0.numOfLeadsProcessed' },
      'result.rowsFailed': { rest: 'result.0.numOfRowsFailed' },
      'result.importSummary': { rest: 'result.0.message' },
    },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object) return unconvertible(NOT_IN_VIEW);
    const programName = propertyValue(object, 'programName');
    const listName = propertyValue(object, 'listName');
    if (!programName || !listName) {
      return unconvertible(
        'the request needs both programName and listName, as SOAP required. Add the missing name, then run the migration again.',
      );
    }

    const imported = context.callPath ? findImportInView(context.callPath) : null;
    if (!imported) return unconvertible(NOT_IN_VIEW);
    const importRequest = requestObject(context.resolve(imported.request) ?? undefined);
    if (!importRequest) return unconvertible(NOT_IN_VIEW);
    const sameNames =
      sameExpression(propertyValue(importRequest, 'programName'), programName) &&
      sameExpression(propertyValue(importRequest, 'listName'), listName);
    if (!sameNames) return unconvertible(NOT_IN_VIEW);

    const parts = readImport(importRequest, context);
    if ('unconvertible' in parts) {
      return unconvertible(
        'the importToList call whose status this reads cannot be converted, so it returns no batch id. Migrate that call first, then run the migration again.',
      );
    }
    if (!bindsSameVariable(context.callPath!, imported)) {
      return unconvertible(
        `the name ${imported.resultName} of the import result is redeclared around this call, so its batch id cannot be read here. Rename one of them, then run the migration again.`,
      );
    }
    const result: RestCall = {
      expression: `__client.getImportLeadStatus(${imported.resultName}.result.batchId)`,
      steps: [],
      view: '__client.soapView.getImportToListStatus',
      restStep: null,
      slots: [],
      imports: [],
      notes: [],
    };
    return result;
  },
};

interface ImportInView {
  request: AstNode | undefined;
  resultName: string;
  /** A path inside the scope where the result variable is declared. */
  bindingPath: NodePath;
}

/**
 * Finds the importToList call whose result is in scope at the status call: an enclosing
 * `client.importToList(args, (err, result) => ...)` callback, or an earlier
 * `const [result] = await client.importToListAsync(args)` in an enclosing block.
 */
function findImportInView(callPath: NodePath): ImportInView | null {
  let child: NodePath = callPath;
  for (
    let current = callPath.parent as NodePath | null;
    current;
    child = current, current = current.parent as NodePath | null
  ) {
    const node = current.node;
    if (isCall(node) && operationName(node) === 'importToList') {
      const args = node.arguments as AstNode[];
      const callback = args[args.length - 1];
      if (child.node !== callback || !isFunction(callback)) continue;
      const param = callback.params[1] as AstNode | undefined;
      if (param?.type !== 'Identifier') return null;
      const callbackPath = (current.get('arguments') as NodePath).get(args.length - 1) as NodePath;
      return {
        request: args[0],
        resultName: param.name as string,
        bindingPath: callbackPath.get('body') as NodePath,
      };
    }
    if (node.type === 'BlockStatement' || node.type === 'Program') {
      const body = node.body as AstNode[];
      const index = body.indexOf(child.node);
      for (let position = index - 1; position >= 0; position--) {
        const found = awaitedImport(body[position]!);
        if (found)
          return {
            ...found,
            bindingPath: (current.get('body') as NodePath).get(position) as NodePath,
          };
      }
    }
  }
  return null;
}

function awaitedImport(
  statement: AstNode,
): { request: AstNode | undefined; resultName: string } | null {
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return null;
  const declarator = statement.declarations[0] as AstNode;
  const init = declarator.init as AstNode | null;
  if (
    init?.type !== 'AwaitExpression' ||
    !isCall(init.argument) ||
    operationName(init.argument) !== 'importToListAsync'
  )
    return null;
  const id = declarator.id as AstNode;
  const element =
    id.type === 'ArrayPattern' && id.elements.length === 1
      ? (id.elements[0] as AstNode | null)
      : null;
  if (element?.type !== 'Identifier') return null;
  return { request: (init.argument.arguments as AstNode[])[0], resultName: element.name as string };
}

function operationName(call: AstNode): string | null {
  const callee = call.callee as AstNode;
  return isMember(callee) ? memberPropertyName(callee) : null;
}

type ScopedPath = NodePath & { scope?: { lookup(name: string): unknown } };

/** True when the result name at the status call refers to the variable the import binds. */
function bindsSameVariable(callPath: NodePath, imported: ImportInView): boolean {
  const atCall = (callPath as ScopedPath).scope?.lookup(imported.resultName);
  const atImport = (imported.bindingPath as ScopedPath).scope?.lookup(imported.resultName);
  return atCall !== undefined && atCall === atImport;
}

/** Compares two expressions by structure, ignoring positions and comments. */
function sameExpression(first: AstNode | null, second: AstNode | null): boolean {
  if (!first || !second) return false;
  return JSON.stringify(cloneNode(first)) === JSON.stringify(cloneNode(second));
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getImportToListStatus: ${reason}` };
}
