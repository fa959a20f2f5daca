/**
 * The HTTP requests Marketo's REST API expects, restated as test data: method, path, query
 * parameters (decoded) and body of each call the client makes.
 */
import { CLIENT_ID, CLIENT_SECRET } from './helpers.js';

export interface ExpectedRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Every query parameter, decoded. No other parameter may be present. */
  query: Record<string, string>;
  /** `Content-Type` of the body, or undefined when there is no body. */
  contentType?: string;
  /** Parsed JSON body. */
  json?: unknown;
}

export const LEAD_ID = 1001;
export const COOKIE = 'id:123-ABC-456&token:_mch-example.com-1396310362214-46169';

export const TOKEN_REQUEST: ExpectedRequest = {
  method: 'GET',
  path: '/identity/oauth/token',
  query: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
};

export const GET_LEAD_BY_ID: ExpectedRequest = {
  method: 'GET',
  path: `/rest/v1/lead/${LEAD_ID}.json`,
  query: { fields: 'email,firstName,customerTier' },
};

export const GET_LEAD_BY_ID_DEFAULT_FIELDS: ExpectedRequest = {
  method: 'GET',
  path: `/rest/v1/lead/${LEAD_ID}.json`,
  query: {},
};

export const GET_LEADS_BY_FILTER_TYPE: ExpectedRequest = {
  method: 'GET',
  path: '/rest/v1/leads.json',
  query: {
    filterType: 'email',
    filterValues: 'ada@example.com,grace@example.com',
    fields: 'email,company',
    batchSize: '2',
  },
};

export const SYNC_LEADS_BODY = {
  action: 'createOrUpdate',
  lookupField: 'email',
  partitionName: 'Default',
  input: [{ email: 'new@example.com', firstName: 'Nia', customerTier: 'gold' }],
};

export const SYNC_LEADS: ExpectedRequest = {
  method: 'POST',
  path: '/rest/v1/leads.json',
  query: {},
  contentType: 'application/json',
  json: SYNC_LEADS_BODY,
};

export const ASSOCIATE_LEAD: ExpectedRequest = {
  method: 'POST',
  path: `/rest/v1/leads/${LEAD_ID}/associate.json`,
  query: { cookie: COOKIE },
};

export const DESCRIBE_LEAD: ExpectedRequest = {
  method: 'GET',
  path: '/rest/v1/leads/describe.json',
  query: {},
};

/** A GET over 8 KB is sent as a POST with `_method=GET` and the parameters in a form body. */
export const METHOD_OVERRIDE = {
  method: 'POST',
  query: { _method: 'GET' },
  contentType: 'application/x-www-form-urlencoded',
} as const;
