import type { OperationRecipe } from '../src/core/recipe.js';

/**
 * The object names SOAP listMObjects returned. Each has a REST describe call that the
 * describeMObject transform converts to: Describe Lead, Get Activity Types, Describe
 * Opportunity and Describe Opportunity Role.
 */
const MOBJECT_NAMES = ['ActivityRecord', 'LeadRecord', 'Opportunity', 'OpportunityPersonRole'];

/**
 * listMObjects has no REST call. It becomes a promise of the constant SOAP result, so code that
 * reads `result.objects` and passes the names to describeMObject keeps working without a call.
 */
export const listMObjects: OperationRecipe = {
  operation: 'listMObjects',
  restEndpoints: [],
  summary:
    'Replaces listMObjects, which has no REST call, with the constant list of object names it returned.',
  resultShape: { arrays: {}, values: {}, elementFields: {} },
  buildCall() {
    const names = MOBJECT_NAMES.map((name) => `'${name}'`).join(', ');
    return {
      expression: `Promise.resolve({ result: { objects: [${names}] } })`,
      steps: [],
      view: '',
      restStep: null,
      slots: [],
      imports: [],
      notes: [],
      soapShaped: true,
    };
  },
};
