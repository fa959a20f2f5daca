import { propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { SlotList, isOffOrAbsent, requestObject } from './soap-request.js';

/**
 * getCampaignsForSource becomes `getRequestableSmartCampaigns`. Get Smart Campaigns has no name
 * filter, so the client pages through it, keeps the campaigns with `isRequestable` and matches
 * the name itself. With `exactName` it uses Get Smart Campaign by Name. REST has no campaign
 * source, so `source: 'SALES'` is marked.
 */
export const getCampaignsForSource: OperationRecipe = {
  operation: 'getCampaignsForSource',
  restEndpoints: [
    'GET /rest/asset/v1/smartCampaigns.json',
    'GET /rest/asset/v1/smartCampaign/byName.json',
  ],
  summary:
    'Rewrites getCampaignsForSource to Get Smart Campaigns (or by Name), keeping requestable campaigns.',
  resultShape: {
    arrays: { 'result.campaignRecordList.campaignRecord': 'result' },
    values: { 'result.returnCount': { rest: 'result.length' } },
    elementFields: { id: 'id', name: 'name', description: 'description' },
  },
  buildCall(request, _context, mode, fieldsRead) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getRequestableSmartCampaigns({ name, exactName }).',
      );
    }
    const notes: string[] = [];
    const source = propertyValue(object, 'source');
    const sourceName = staticString(source);
    if (sourceName === 'SALES') {
      return unconvertible(
        "source 'SALES' lists Sales Insight campaigns, which the REST API does not expose. Read those campaigns in Sales Insight instead, or remove this call.",
      );
    }
    if (source && sourceName === null) {
      notes.push(
        "getCampaignsForSource: the source is computed at run time, and REST lists only campaigns requested through the web service API. If the source can be 'SALES', handle that case by hand.",
      );
    }

    const slots = new SlotList();
    const options: string[] = [];
    const name = propertyValue(object, 'name');
    if (name) options.push(`name: ${slots.add(name)}`);
    const exactName = propertyValue(object, 'exactName');
    if (!isOffOrAbsent(exactName)) {
      if (!name)
        return unconvertible(
          'exactName is set but name is missing. Add the campaign name, or remove exactName.',
        );
      options.push(`exactName: ${slots.add(exactName!)}`);
    }
    if (mode === 'soap' || fieldsRead.includes('name')) {
      notes.push(
        'getCampaignsForSource: REST gives the campaign name alone, while SOAP could give it with its program as "Program.Campaign". Check the code that reads or compares campaign names.',
      );
    }
    const result: RestCall = {
      expression: `__client.getRequestableSmartCampaigns(${options.length > 0 ? `{ ${options.join(', ')} }` : ''})`,
      steps: [],
      view: '__client.soapView.getCampaignsForSource',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes,
    };
    return result;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getCampaignsForSource: ${reason}` };
}
