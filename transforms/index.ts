import type { TransformInfo } from '../src/core/registry-types.js';

// Placeholder registry so the runner can be built against it; replaced by the real recipes.
export const transformInfos: TransformInfo[] = [
  {
    name: 'client',
    soapOperation: null,
    restEndpoints: ['GET /identity/oauth/token'],
    summary: 'Replaces SOAP client creation and the signed AuthenticationHeader with a REST client using OAuth 2.0 client credentials.',
  },
  {
    name: 'getLead',
    soapOperation: 'getLead',
    restEndpoints: ['GET /rest/v1/lead/{leadId}.json', 'GET /rest/v1/leads.json', 'GET /rest/v1/leads/describe.json'],
    summary: 'Rewrites getLead to Get Lead by Id or Get Leads by Filter Type.',
  },
  {
    name: 'syncLead',
    soapOperation: 'syncLead',
    restEndpoints: ['POST /rest/v1/leads.json', 'POST /rest/v1/leads/{leadId}/associate.json', 'GET /rest/v1/lead/{leadId}.json'],
    summary: 'Rewrites syncLead to Sync Leads, with Associate Lead for a cookie and a read-back for returnLead.',
  },
];
