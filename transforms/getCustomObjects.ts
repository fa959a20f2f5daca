import { type AstNode, cloneNode, propertyValue, staticString } from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  type NamedValue,
  SlotList,
  isStable,
  objectKey,
  readNamedValues,
  readStringItems,
  requestObject,
} from './soap-request.js';

/**
 * getCustomObjects becomes Get Custom Objects on the API name `objTypeName`. One key attribute
 * becomes `filterType` and `filterValues`, several become a compound `dedupeFields` query, and
 * `includeAttributes` becomes `fields`. `streamPosition` carries the REST `nextPageToken`, and
 * reads of `newStreamPosition` move to it, so paging loops keep working.
 */
export const getCustomObjects: OperationRecipe = {
  operation: 'getCustomObjects',
  restEndpoints: [
    'GET /rest/v1/customobjects/{apiName}.json',
    'GET /rest/v1/customobjects/{apiName}/describe.json',
  ],
  summary:
    'Rewrites getCustomObjects to Get Custom Objects by API name, with the key list as the filter.',
  resultShape: {
    arrays: { 'result.customObjList.customObj': 'result' },
    values: {
      'result.returnCount': { rest: 'result.length' },
      'result.newStreamPosition': { rest: 'nextPageToken' },
    },
    elementFields: {},
  },
  buildCall(request, context, mode) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getCustomObjects(apiName, { filterType, filterValues }).',
      );
    const slots = new SlotList();
    const apiName = readObjectType('getCustomObjects', object, context, slots);
    if ('unconvertible' in apiName) return apiName;
    const keys = readKeyAttributes(
      'getCustomObjects',
      propertyValue(object, 'customObjKeyList'),
      context,
    );
    if ('unconvertible' in keys) return keys;
    if (keys.length === 0) {
      return unconvertible(
        'the request has no customObjKeyList, but REST reads custom objects only by a filter. Add the key to look the objects up by.',
      );
    }

    const options: string[] = [];
    if (keys.length === 1) {
      options.push(
        `filterType: ${quoted(keys[0]!.name)}`,
        `filterValues: [${slots.add(keys[0]!.value)}]`,
      );
    } else {
      options.push(`filterType: 'dedupeFields'`, `input: [${recordCode(keys, slots)}]`);
    }
    const notes: string[] = [];
    const fields = readStringItems(propertyValue(object, 'includeAttributes'), context.resolve);
    if (fields && fields.kind === 'runtime') options.push(`fields: ${fields.code(slots)}`);
    else if (fields && fields.items.length > 0)
      options.push(`fields: [${fields.items.map((item) => slots.add(item)).join(', ')}]`);
    else if (mode === 'soap') {
      notes.push(
        'getCustomObjects: SOAP returned every attribute without includeAttributes, but REST returns only marketoGUID, the dedupe fields, createdAt and updatedAt. List the fields this code reads in fields.',
      );
    }
    const batchSize = propertyValue(object, 'batchSize');
    if (batchSize) options.push(`batchSize: ${slots.add(batchSize)}`);
    const token = streamPositionOption(
      'getCustomObjects',
      propertyValue(object, 'streamPosition'),
      slots,
    );
    if (token.option) options.push(token.option);
    notes.push(...token.notes);

    const call: RestCall = {
      expression: `__client.getCustomObjects(${apiName.code}, { ${options.join(', ')} })`,
      steps: [],
      view: `(response) => __client.soapView.getCustomObjects(response, ${apiName.again()})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes,
    };
    return call;
  },
};

/** The REST API name of the custom object type, and a copy of it for the view. */
export interface ObjectTypeCode {
  code: string;
  again: () => string;
}

/**
 * Reads `objTypeName`, which REST takes as the object's API name. A name held in a variable
 * that changes gets a note in the caller, because the view reads it a second time.
 */
export function readObjectType(
  operation: string,
  request: AstNode,
  context: RecipeContext,
  slots: SlotList,
): ObjectTypeCode | Unconvertible {
  const node = propertyValue(request, 'objTypeName');
  if (!node)
    return {
      unconvertible: `${operation}: the request has no objTypeName. Add the custom object's API name.`,
    };
  if (!isStable(node, context.callPath)) {
    return {
      unconvertible: `${operation}: objTypeName is computed by an expression that may change, and the rewritten code reads it twice. Copy it into a const before the call, then run the migration again.`,
    };
  }
  return { code: slots.add(node), again: () => slots.add(cloneNode(node)) };
}

/** SOAP's key for the lead a custom object links to, which REST names per object type. */
const LEAD_LINK_KEY = 'MKTOID';

/** Reads a SOAP ArrayOfAttribute of key fields (`{ attribute: [{ attrName, attrValue }] }`). */
export function readKeyAttributes(
  operation: string,
  list: AstNode | null,
  context: RecipeContext,
): NamedValue[] | Unconvertible {
  if (!list) return [];
  const keys = readNamedValues(
    list,
    'attribute',
    { name: 'attrName', value: 'attrValue' },
    context.resolve,
  );
  if (!keys) {
    return {
      unconvertible: `${operation}: a key list is built at run time or has an attribute without a literal attrName. List the key attributes in the request, or build the REST input records by hand.`,
    };
  }
  if (keys.some((key) => key.name === LEAD_LINK_KEY)) {
    return {
      unconvertible: `${operation}: the ${LEAD_LINK_KEY} key links the object to a lead, and its REST field name differs per object type. Look the link field up in the relationships of client.describeCustomObject(apiName), write that name in place of ${LEAD_LINK_KEY}, then run the migration again.`,
    };
  }
  return keys;
}

/** Builds a flat REST record `{ name: value, ... }` from SOAP attributes. */
export function recordCode(values: readonly NamedValue[], slots: SlotList): string {
  return `{ ${values.map((entry) => `${objectKey(entry.name)}: ${slots.add(entry.value)}`).join(', ')} }`;
}

/**
 * Maps `streamPosition` to `nextPageToken`. A literal is a SOAP seed position and is dropped,
 * since REST starts at the first page without a token.
 */
export function streamPositionOption(
  operation: string,
  node: AstNode | null,
  slots: SlotList,
): { option: string | null; notes: string[] } {
  const absent =
    !node ||
    node.type === 'NullLiteral' ||
    (node.type === 'Identifier' && node.name === 'undefined');
  if (absent || staticString(node) !== null) return { option: null, notes: [] };
  return {
    option: `nextPageToken: ${slots.add(node)}`,
    notes: [
      `${operation}: streamPosition now passes the REST nextPageToken of the previous page. A SOAP stream position stored before the migration is not a valid token, so start such a read without one.`,
    ],
  };
}

/** Writes a string literal for template code. */
export function quoted(text: string): string {
  return `'${text.replace(/['\\]/g, '\\$&')}'`;
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getCustomObjects: ${reason}` };
}
