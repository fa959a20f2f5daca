import {
  type AstNode,
  type NodePath,
  isFunction,
  propertyValue,
  repeatedChildren,
  staticString,
  stripPrefix,
} from '../src/core/ast.js';
import { REST_NAME_BY_SOAP_NAME } from '../src/core/data/lead-fields.js';
import { FILTER_TYPE_BY_KEY_TYPE } from '../src/core/data/lead-keys.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  checkKeyType,
  freshName,
  memberOf,
  requestObject,
} from './soap-request.js';

/** Records per page of Get Leads by Filter Type and Get Leads by List Id. */
const MAX_BATCH_SIZE = 300;

/** Fields REST returns when the call names none. */
const DEFAULT_FIELDS = new Set(['id', 'email', 'firstName', 'lastName', 'createdAt', 'updatedAt']);

/** REST names of the LeadRecord elements outside `leadAttributeList`. */
const RECORD_ELEMENT_NAMES: Readonly<Record<string, string>> = { Id: 'id', Email: 'email' };

const PAGING_LOOP =
  'getMultipleLeads: this paging loop now passes REST page tokens where it passed SOAP stream positions, and remainingCount is only 1 (more pages) or 0 (last page). Discard any stored or hard-coded SOAP stream position, because REST rejects it as a page token.';

/**
 * getMultipleLeads becomes one page of Get Leads by Filter Type (LeadKeySelector) or Get Leads
 * by List Id (StaticListSelector, with a list name resolved by `resolveListId`). The selector's
 * subtype comes from `xsi:type` in the attributes key, or from the fields it has. A paging loop
 * passes REST page tokens through its stream position, with a marker about stored positions.
 * LastUpdateAtSelector, which has no paged REST read, is marked.
 */
export const getMultipleLeads: OperationRecipe = {
  operation: 'getMultipleLeads',
  restEndpoints: [
    'GET /rest/v1/leads.json',
    'GET /rest/v1/lists/{listId}/leads.json',
    'GET /rest/v1/lists.json',
    'GET /rest/v1/leads/describe.json',
  ],
  summary:
    'Rewrites getMultipleLeads to Get Leads by Filter Type or by List Id, with paging loops moved to REST page tokens.',
  resultShape: {
    arrays: { 'result.leadRecordList.leadRecord': 'result' },
    values: {
      'result.returnCount': { rest: 'result.length' },
      'result.newStreamPosition': { rest: 'nextPageToken' },
    },
    elementFields: { Id: 'id', Email: 'email' },
    attributeRestName: (soapName) => REST_NAME_BY_SOAP_NAME.get(soapName) ?? null,
  },
  buildCall(request, context, mode, fieldsRead) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere, so its lead selector is unknown. Rewrite it as client.getLeadsByFilterType({ filterType, filterValues }) or client.getLeadsByListId(listId).',
      );
    }
    const position = propertyValue(object, 'streamPosition');
    const paged =
      (position !== null && staticString(position) === null) || isPagingRecursion(context.callPath);
    if (propertyValue(object, 'lastUpdatedAt')) return lastUpdateAt();
    const selector = context.resolve(propertyValue(object, 'leadSelector'));
    if (!selector || selector.type !== 'ObjectExpression') {
      return unconvertible(
        'the leadSelector is missing or built at run time, so its type is unknown. Rewrite this call as client.getLeadsByFilterType or client.getLeadsByListId.',
      );
    }

    const slots = new SlotList();
    const options = readOptions(object, context, mode, fieldsRead, slots);
    // A paging loop keeps its shape: the position it passes on is now REST's nextPageToken,
    // which the view returns as newStreamPosition.
    if (position !== null && staticString(position) === null)
      options.push(`nextPageToken: ${slots.add(position)}`);
    const kind = selectorKind(selector, context);
    if (kind === 'LastUpdateAtSelector') return lastUpdateAt();
    const call =
      kind === 'LeadKeySelector'
        ? leadKeyCall(selector, context, options, slots)
        : kind === 'StaticListSelector'
          ? staticListCall(selector, context, options, slots)
          : null;
    if (call && paged && !('unconvertible' in call)) call.notes.push(PAGING_LOOP);
    if (call) return call;
    return unconvertible(
      'the leadSelector names no known selector type. Give it keyType and keyValues, staticListId or staticListName, or set xsi:type.',
    );
  },
};

/** Reads `batchSize` and the fields to ask for, as option code for the REST call. */
function readOptions(
  object: AstNode,
  context: RecipeContext,
  mode: 'rest' | 'soap',
  fieldsRead: readonly string[],
  slots: SlotList,
): string[] {
  const options: string[] = [];
  if (mode === 'soap') {
    const fields = includedFields(
      context.resolve(propertyValue(object, 'includeAttributes')),
      context,
    );
    options.push(
      fields ? `fields: [${fields.map((field) => `'${field}'`).join(', ')}]` : 'allFields: true',
    );
  } else if (!fieldsRead.every((field) => DEFAULT_FIELDS.has(field))) {
    const names = [...new Set(fieldsRead)].filter((field) => field !== 'id').sort();
    options.push(`fields: [${names.map((field) => `'${field}'`).join(', ')}]`);
  }
  const batchSize = propertyValue(object, 'batchSize');
  if (batchSize?.type === 'NumericLiteral')
    options.push(`batchSize: ${Math.min(batchSize.value as number, MAX_BATCH_SIZE)}`);
  else if (batchSize)
    options.push(`batchSize: Math.min(${slots.add(batchSize)}, ${MAX_BATCH_SIZE})`);
  return options;
}

/** REST names of a literal `includeAttributes` list, or null when one is unknown or computed. */
function includedFields(list: AstNode | null, context: RecipeContext): string[] | null {
  if (!list || list.type !== 'ObjectExpression') return null;
  const items = repeatedChildren(context.resolve(propertyValue(list, 'stringItem')));
  if (!items || items.length === 0) return null;
  const names: string[] = [];
  for (const item of items) {
    const soapName = staticString(item);
    if (soapName === null) return null;
    const restName = RECORD_ELEMENT_NAMES[soapName] ?? REST_NAME_BY_SOAP_NAME.get(soapName);
    if (!restName) return null;
    names.push(restName);
  }
  return [...new Set(names)];
}

type SelectorKind = 'LeadKeySelector' | 'StaticListSelector' | 'LastUpdateAtSelector' | null;

/** Reads the selector subtype from `xsi:type` in node-soap's attributes key, else from its fields. */
function selectorKind(selector: AstNode, context: RecipeContext): SelectorKind {
  const attributes = context.resolve(propertyValue(selector, 'attributes'));
  const declared =
    staticString(propertyValue(attributes, 'xsi:type')) ??
    staticString(propertyValue(attributes, 'type'));
  if (declared !== null) {
    const name = stripPrefix(declared);
    return name === 'LeadKeySelector' ||
      name === 'StaticListSelector' ||
      name === 'LastUpdateAtSelector'
      ? name
      : null;
  }
  if (propertyValue(selector, 'keyValues') || propertyValue(selector, 'keyType'))
    return 'LeadKeySelector';
  if (propertyValue(selector, 'staticListId') || propertyValue(selector, 'staticListName'))
    return 'StaticListSelector';
  if (propertyValue(selector, 'oldestUpdatedAt') || propertyValue(selector, 'latestUpdatedAt'))
    return 'LastUpdateAtSelector';
  return null;
}

function leadKeyCall(
  selector: AstNode,
  context: RecipeContext,
  options: string[],
  slots: SlotList,
): RestCall | Unconvertible {
  const keyTypeNode = propertyValue(selector, 'keyType');
  const keyValues = propertyValue(selector, 'keyValues');
  if (!keyTypeNode || !keyValues)
    return unconvertible(
      'the LeadKeySelector needs keyType and keyValues. Add them, then run the migration again.',
    );
  const keyType = staticString(keyTypeNode);
  const imports: string[] = [];
  let filterType: string;
  if (keyType === null) {
    filterType = `leadFilterType(${slots.add(keyTypeNode)})`;
    imports.push('leadFilterType');
  } else {
    if (FILTER_TYPE_BY_KEY_TYPE[keyType] === null) {
      return unconvertible(
        `REST has no filter type for ${keyType} keys. Look the leads up by another key, such as EMAIL or IDNUM.`,
      );
    }
    const checked = checkKeyType('getMultipleLeads', keyType);
    if (checked) return checked;
    filterType = `'${FILTER_TYPE_BY_KEY_TYPE[keyType]}'`;
  }
  const values = context.resolve(keyValues);
  const stringItem =
    values?.type === 'ObjectExpression' ? propertyValue(values, 'stringItem') : null;
  const items = stringItem ? repeatedChildren(context.resolve(stringItem)) : null;
  let filterValues: string;
  if (items && stringItem?.type === 'ArrayExpression')
    filterValues = `[${items.map((item) => slots.add(item)).join(', ')}]`;
  else filterValues = `[${slots.add(stringItem ?? memberOf(keyValues, 'stringItem'))}].flat()`;
  const request = [`filterType: ${filterType}`, `filterValues: ${filterValues}`, ...options];
  return restCall(`__client.getLeadsByFilterType({ ${request.join(', ')} })`, slots, imports, []);
}

function staticListCall(
  selector: AstNode,
  context: RecipeContext,
  options: string[],
  slots: SlotList,
): RestCall | Unconvertible {
  const listId = propertyValue(selector, 'staticListId');
  const listName = propertyValue(selector, 'staticListName');
  const optionsCode = options.length > 0 ? `, { ${options.join(', ')} }` : '';
  if (listId)
    return restCall(`__client.getLeadsByListId(${slots.add(listId)}${optionsCode})`, slots, [], []);
  if (!listName)
    return unconvertible(
      'the StaticListSelector needs staticListId or staticListName. Add one, then run the migration again.',
    );
  const notes: string[] = [];
  const name = staticString(listName);
  if (name === null || name.includes('.')) {
    notes.push(
      'getMultipleLeads: SOAP accepted a list name written as "Program.List", but resolveListId matches the list name alone. Check that staticListName holds only the list name, or pass programName.',
    );
  }
  const deferredFrom = slots.nodes.length;
  const promise = `__client.resolveListId({ listName: ${slots.add(listName)} })`;
  const param = freshName('listId', slots);
  const chained = afterLookups(
    'getMultipleLeads',
    [{ param, promise }],
    `__client.getLeadsByListId(${param}${optionsCode})`,
    slots.nodes.slice(0, deferredFrom),
    context.callPath,
  );
  return restCall(chained.code, slots, [], [...notes, ...chained.notes]);
}

function restCall(
  expression: string,
  slots: SlotList,
  imports: string[],
  notes: string[],
): RestCall {
  return {
    expression,
    steps: [],
    view: '__client.soapView.getMultipleLeads',
    restStep: null,
    slots: slots.nodes,
    imports,
    notes,
  };
}

/**
 * True when the call sits in a function that its own callback calls again, the recursive form
 * of a paging loop.
 */
function isPagingRecursion(callPath: NodePath | undefined): boolean {
  if (!callPath) return false;
  let current = callPath.parent as NodePath | null;
  while (current && !isFunction(current.node)) current = current.parent as NodePath | null;
  const name = current ? functionName(current) : null;
  if (!name) return false;
  const args = callPath.node.arguments as AstNode[];
  const callback = args[args.length - 1];
  let calledAgain = false;
  const visit = (value: unknown): void => {
    if (calledAgain || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const node = value as AstNode;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === name
    )
      calledAgain = true;
    for (const [key, child] of Object.entries(node))
      if (key !== 'loc' && key !== 'comments') visit(child);
  };
  if (callback && isFunction(callback)) visit(callback.body);
  return calledAgain;
}

function functionName(path: NodePath): string | null {
  const node = path.node;
  if (node.id?.type === 'Identifier') return node.id.name as string;
  const parent = path.parent?.node as AstNode | undefined;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier'
    ? (parent.id.name as string)
    : null;
}

function lastUpdateAt(): Unconvertible {
  return unconvertible(
    'REST has no paged read of leads by update time. For a one-off read, run a Bulk Lead Export filtered on updatedAt (at most 31 days per job). For incremental sync, read Get Lead Changes from a stored timestamp, then Get Leads by Filter Type with filterType id.',
  );
}

function unconvertible(reason: string): Unconvertible {
  return {
    unconvertible: reason.startsWith('getMultipleLeads') ? reason : `getMultipleLeads: ${reason}`,
  };
}
