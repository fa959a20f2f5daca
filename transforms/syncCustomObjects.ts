import { propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { readKeyAttributes, readObjectType, recordCode } from './getCustomObjects.js';
import {
  ACTION_BY_SYNC_OPERATION,
  SlotList,
  readNamedValues,
  requestObject,
  repeatedChildOf,
} from './soap-request.js';

/** Custom objects one SOAP syncCustomObjects call accepted. REST takes 300. */
const SOAP_MAX_RECORDS = 100;

/**
 * syncCustomObjects becomes Sync Custom Objects on the API name `objTypeName`. Each customObj's
 * key list and attribute list merge into one flat input record, deduplicated by the dedupe
 * fields, and `operation` becomes `action`.
 */
export const syncCustomObjects: OperationRecipe = {
  operation: 'syncCustomObjects',
  restEndpoints: ['POST /rest/v1/customobjects/{apiName}.json'],
  summary:
    'Rewrites syncCustomObjects to Sync Custom Objects by API name, with flat input records.',
  resultShape: {
    arrays: { 'result.syncCustomObjStatusList.syncCustomObjStatus': 'result' },
    values: {
      'result.syncCustomObjStatusList.syncCustomObjStatus.[].status': {
        rest: 'result.[].status',
        literals: { CREATED: 'created', UPDATED: 'updated', FAILED: 'skipped' },
        comparisonOnly: true,
      },
    },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.syncCustomObjects(apiName, { action, dedupeBy, input }) with flat records.',
      );
    const slots = new SlotList();
    const apiName = readObjectType('syncCustomObjects', object, context, slots);
    if ('unconvertible' in apiName) return apiName;

    const notes: string[] = [];
    const operationNode = propertyValue(object, 'operation');
    const operationName = staticString(operationNode);
    let action = 'createOrUpdate';
    if (operationNode) {
      const mapped = operationName === null ? undefined : ACTION_BY_SYNC_OPERATION[operationName];
      if (!mapped) {
        return unconvertible(
          'the operation is computed at run time or unknown. Give INSERT, UPDATE or UPSERT, or call client.syncCustomObjects with action createOnly, updateOnly or createOrUpdate by hand.',
        );
      }
      action = mapped;
    } else {
      notes.push(
        'syncCustomObjects: the request sets no operation, and the SOAP default is undocumented. The rewritten call uses action createOrUpdate, so check that updating existing objects is intended.',
      );
    }

    const list = context.resolve(propertyValue(object, 'customObjList'));
    const elements = repeatedChildOf(list, 'customObj', context.resolve);
    if (!elements) {
      return unconvertible(
        'customObjList is built at run time. Build the flat REST input records (key fields and attributes in one object) and call client.syncCustomObjects(apiName, { action, input }) by hand.',
      );
    }
    if (elements.length === 0)
      return unconvertible('customObjList is empty. Add the objects to sync.');
    const records: string[] = [];
    for (const element of elements) {
      const customObj = context.resolve(element);
      const keys = readKeyAttributes(
        'syncCustomObjects',
        propertyValue(customObj, 'customObjKeyList'),
        context,
      );
      if ('unconvertible' in keys) return keys;
      const attributeList = propertyValue(customObj, 'customObjAttributeList');
      const attributes = attributeList
        ? readNamedValues(
            attributeList,
            'attribute',
            { name: 'attrName', value: 'attrValue' },
            context.resolve,
          )
        : [];
      if (!attributes) {
        return unconvertible(
          'a customObjAttributeList is built at run time or has an attribute without a literal attrName. List the attributes in the request, or build the input records by hand.',
        );
      }
      if (keys.length === 0)
        return unconvertible(
          'a customObj has no customObjKeyList, so REST has no dedupe fields to match it by. Add its key fields.',
        );
      records.push(recordCode([...keys, ...attributes], slots));
    }
    if (elements.length > SOAP_MAX_RECORDS) {
      notes.push(
        `syncCustomObjects: SOAP accepted at most ${SOAP_MAX_RECORDS} objects per call and REST accepts 300. Check how this list is built.`,
      );
    }
    const call: RestCall = {
      expression: `__client.syncCustomObjects(${apiName.code}, { action: '${action}', dedupeBy: 'dedupeFields', input: [${records.join(', ')}] })`,
      steps: [],
      view: `(response) => __client.soapView.syncCustomObjects(response, ${apiName.again()})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes,
    };
    return call;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `syncCustomObjects: ${reason}` };
}
