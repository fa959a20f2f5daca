import type { TransformInfo } from '../src/core/registry-types.js';

/**
 * Client setup runs with every operation transform: SOAP client factories become the REST
 * client built from environment variables, and the signed AuthenticationHeader goes.
 */
export const client: TransformInfo = {
  name: 'client',
  soapOperation: null,
  restEndpoints: ['POST /identity/oauth/token'],
  summary:
    'Replaces createClient/createClientAsync/createMarketoClient and the AuthenticationHeader (setSecurity, addSoapHeader, signing helpers) with a REST client using OAuth 2.0 client credentials from MARKETO_* environment variables.',
};
