import { propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, Unconvertible } from '../src/core/recipe.js';
import { requestObject } from './soap-request.js';

/** The REST call that describes each SOAP object name. */
const CALL_BY_OBJECT_NAME: Readonly<Record<string, string>> = {
  Opportunity: '__client.describeOpportunity()',
  OpportunityPersonRole: '__client.describeOpportunityRole()',
  LeadRecord: '__client.describeLead()',
  ActivityRecord: '__client.getActivityTypes()',
};

/**
 * describeMObject becomes Describe Opportunity, Describe Opportunity Role, Describe Lead or Get
 * Activity Types, by `objectName`. The REST responses differ per object, so every read of the
 * result goes through the SOAP view, which takes the object name.
 */
export const describeMObject: OperationRecipe = {
  operation: 'describeMObject',
  restEndpoints: [
    'GET /rest/v1/opportunities/describe.json',
    'GET /rest/v1/opportunities/roles/describe.json',
    'GET /rest/v1/leads/describe.json',
    'GET /rest/v1/activities/types.json',
  ],
  summary:
    'Rewrites describeMObject to the REST describe call of the object, or Get Activity Types for ActivityRecord.',
  resultShape: { arrays: {}, values: {}, elementFields: {} },
  buildCall(request, _context, mode) {
    const object = requestObject(request);
    const objectName = staticString(propertyValue(object, 'objectName'));
    const expression = objectName === null ? undefined : CALL_BY_OBJECT_NAME[objectName];
    if (!expression) {
      return unconvertible(
        `the objectName is ${objectName === null ? 'computed at run time or missing' : `'${objectName}', which SOAP did not describe`}. Call client.describeOpportunity(), client.describeOpportunityRole(), client.describeLead() or client.getActivityTypes() for each object by hand.`,
      );
    }
    const notes: string[] = [];
    if (objectName === 'ActivityRecord' && mode === 'soap') {
      notes.push(
        'describeMObject: REST has no describe call for activities, so soapView.describeMObject builds the ActivityRecord fields from Get Activity Types. Check the fields this code reads.',
      );
    }
    return {
      expression,
      steps: [],
      view: `(response) => __client.soapView.describeMObject(response, '${objectName}')`,
      restStep: null,
      slots: [],
      imports: [],
      notes,
    };
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `describeMObject: ${reason}` };
}
