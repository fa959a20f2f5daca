import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { quoted } from './getCustomObjects.js';
import { SlotList, requestObject, repeatedChildOf } from './soap-request.js';

/**
 * deleteMObjects becomes Delete Opportunities for opportunities given by `externalKey`, deleted
 * by the dedupe field externalOpportunityId. SOAP usually named the objects by their integer
 * id, which REST does not know, so such calls, and every role delete, are marked.
 */
export const deleteMObjects: OperationRecipe = {
  operation: 'deleteMObjects',
  restEndpoints: [
    'POST /rest/v1/opportunities/delete.json',
    'POST /rest/v1/opportunities/roles/delete.json',
  ],
  summary:
    'Rewrites deleteMObjects to Delete Opportunities by externalOpportunityId, and marks deletes by integer id.',
  resultShape: {
    arrays: { 'result.mObjStatusList.mObjStatus': 'result' },
    values: {
      'result.mObjStatusList.mObjStatus.[].status': {
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
        "the request is built elsewhere. Rewrite it as client.deleteOpportunities({ deleteBy: 'dedupeFields', input: [{ externalOpportunityId }] }).",
      );
    const list = context.resolve(propertyValue(object, 'mObjectList'));
    const elements = repeatedChildOf(list, 'mObject', context.resolve);
    if (!elements)
      return unconvertible(
        "mObjectList is built at run time. Build the REST input records and call client.deleteOpportunities({ deleteBy: 'dedupeFields', input }) by hand.",
      );
    if (elements.length === 0)
      return unconvertible('mObjectList is empty. Add the objects to delete.');

    const slots = new SlotList();
    const keys: AstNode[] = [];
    for (const element of elements) {
      const mObject = context.resolve(element);
      const type = staticString(propertyValue(mObject, 'type'));
      if (type === 'OpportunityPersonRole') {
        return unconvertible(
          'REST deletes a role by marketoGUID or by externalOpportunityId, leadId and role together, and the SOAP request gives neither. Call client.deleteOpportunityRoles with those keys by hand.',
        );
      }
      if (type !== 'Opportunity') {
        return unconvertible(
          'every object must have the literal type Opportunity, because each REST call deletes one type. Split the list by type, or rewrite this call by hand.',
        );
      }
      const externalKey = context.resolve(propertyValue(mObject, 'externalKey'));
      const value = propertyValue(externalKey, 'value');
      if (!value) {
        return unconvertible(
          'an opportunity is named by its integer SOAP id, which REST does not know. Name it by externalKey (its externalOpportunityId) instead, or delete it by marketoGUID by hand.',
        );
      }
      keys.push(value);
    }

    const input = keys.map((key) => `{ externalOpportunityId: ${slots.add(key)} }`).join(', ');
    const call: RestCall = {
      expression: `__client.deleteOpportunities({ deleteBy: 'dedupeFields', input: [${input}] })`,
      steps: [],
      view: `(response) => __client.soapView.deleteMObjects(response, ${quoted('Opportunity')})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [],
    };
    return call;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `deleteMObjects: ${reason}` };
}
