import { propertyValue } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { readKeyAttributes, readObjectType, recordCode } from './getCustomObjects.js';
import { SlotList, requestObject, repeatedChildOf } from './soap-request.js';

/**
 * deleteCustomObjects becomes Delete Custom Objects on the API name `objTypeName`, deleting by
 * the dedupe fields. Each `customObjKeyLists.keyList` becomes one flat input record.
 */
export const deleteCustomObjects: OperationRecipe = {
  operation: 'deleteCustomObjects',
  restEndpoints: ['POST /rest/v1/customobjects/{apiName}/delete.json'],
  summary: 'Rewrites deleteCustomObjects to Delete Custom Objects by API name and dedupe fields.',
  resultShape: {
    arrays: { 'result.deleteCustomObjStatusList.syncCustomObjStatus': 'result' },
    values: {
      'result.deleteCustomObjStatusList.syncCustomObjStatus.[].status': {
        rest: 'result.[].status',
        literals: { DELETED: 'deleted', FAILED: 'skipped' },
        comparisonOnly: true,
      },
    },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        "the request is built elsewhere. Rewrite it as client.deleteCustomObjects(apiName, { deleteBy: 'dedupeFields', input }) with flat key records.",
      );
    const slots = new SlotList();
    const apiName = readObjectType('deleteCustomObjects', object, context, slots);
    if ('unconvertible' in apiName) return apiName;
    const lists = context.resolve(propertyValue(object, 'customObjKeyLists'));
    const keyLists = repeatedChildOf(lists, 'keyList', context.resolve);
    if (!keyLists) {
      return unconvertible(
        "customObjKeyLists is built at run time. Build one flat record of dedupe fields per object and call client.deleteCustomObjects(apiName, { deleteBy: 'dedupeFields', input }) by hand.",
      );
    }
    if (keyLists.length === 0)
      return unconvertible('customObjKeyLists is empty. Add the keys of the objects to delete.');
    const records: string[] = [];
    for (const keyList of keyLists) {
      const keys = readKeyAttributes('deleteCustomObjects', keyList, context);
      if ('unconvertible' in keys) return keys;
      if (keys.length === 0)
        return unconvertible(
          'a keyList has no attributes. Give the dedupe fields of each object to delete.',
        );
      records.push(recordCode(keys, slots));
    }
    const call: RestCall = {
      expression: `__client.deleteCustomObjects(${apiName.code}, { deleteBy: 'dedupeFields', input: [${records.join(', ')}] })`,
      steps: [],
      view: `(response) => __client.soapView.deleteCustomObjects(response, ${apiName.again()})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [],
    };
    return call;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `deleteCustomObjects: ${reason}` };
}
