import type { Lead, RestResponse } from './types.js';

/**
 * SOAP fault code that migrated code may still compare against, per REST error code. The codes
 * are strings, as SOAP's `serviceException.code` was.
 * NOTE: the pairing is inferred from the two APIs' error tables, and no source states it.
 */
export const SOAP_CODE_BY_REST_CODE: Readonly<Record<string, string>> = {
  '601': '20014', // access token invalid -> Authentication failed
  '602': '20014', // access token expired -> Authentication failed
  '606': '20023', // rate limit -> Rate Limit Exceeded
  '607': '20015', // daily quota -> Request Limit Exceeded
  '615': '20024', // concurrency limit -> Concurrency Limit Exceeded
  '1004': '20103', // lead not found -> Lead Not Found
  '1006': '20105', // field not found -> Lead Attribute Bad
};

/** Codes the client sets itself, for failures that carry no Marketo error code. */
export const CLIENT_ERROR_CODES = {
  /** No response within the call's timeout. */
  timeout: 'TIMEOUT',
  /** The connection failed or was reset before a complete response arrived. */
  network: 'NETWORK_ERROR',
  /** The body is not the JSON envelope Marketo sends. */
  invalidResponse: 'INVALID_RESPONSE',
  /** SOAP's fault for a lookup that matched nothing, where REST returns an empty result. */
  leadNotFound: 'LEAD_NOT_FOUND',
  /** A lead key that must name one lead matched several. */
  multipleLeadsMatch: 'MULTIPLE_LEADS_MATCH',
  /** No static list has the given name. SOAP's fault was 20111. */
  listNotFound: 'LIST_NOT_FOUND',
  /** A list name that must name one static list matched several. */
  multipleListsMatch: 'MULTIPLE_LISTS_MATCH',
  /** No smart campaign has the given name in the given program. SOAP's fault was 20113. */
  campaignNotFound: 'CAMPAIGN_NOT_FOUND',
  /** A call that must return a record returned an empty result. */
  emptyResult: 'EMPTY_RESULT',
  /** A SOAP lead key type that has no REST filter type, or is not a SOAP key type at all. */
  unsupportedKeyType: 'UNSUPPORTED_KEY_TYPE',
  /** A SOAP field name that neither the standard field table nor Describe Lead contains. */
  fieldNotFound: 'FIELD_NOT_FOUND',
  /** A SOAP activity type name that matches no activity type of the instance. */
  activityTypeNotFound: 'ACTIVITY_TYPE_NOT_FOUND',
} as const;

export interface MarketoErrorDetails {
  code: string;
  requestId?: string;
  soapCode?: string;
  operation?: string;
  path?: string;
  httpStatus?: number;
  mayHaveRun?: boolean;
  cause?: unknown;
}

/**
 * A failed Marketo call: a request-level REST error (`success: false`), an HTTP error status,
 * a timeout or a network failure. Record-level `skipped` results are returned, not thrown.
 */
export class MarketoError extends Error {
  /** REST error code such as `'601'`, `HTTP_<status>`, or one of {@link CLIENT_ERROR_CODES}. */
  code: string;
  requestId?: string;
  /** The SOAP fault code that corresponds to `code`, where one carries over, such as `'20103'`. */
  soapCode?: string;
  /** Client method that made the call, such as `getLeadById`. */
  operation?: string;
  /** URL path of the call, without the query. */
  path?: string;
  httpStatus?: number;
  /**
   * True when a call that is not idempotent failed in a way that does not prove Marketo did not
   * run it (timeout, reset, HTTP 5xx, 604, 611, 713). The client does not retry such a call.
   */
  mayHaveRun?: boolean;

  constructor(message: string, details: MarketoErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MarketoError';
    this.code = details.code;
    const soapCode = details.soapCode ?? SOAP_CODE_BY_REST_CODE[details.code];
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (soapCode !== undefined) this.soapCode = soapCode;
    if (details.operation !== undefined) this.operation = details.operation;
    if (details.path !== undefined) this.path = details.path;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.mayHaveRun !== undefined) this.mayHaveRun = details.mayHaveRun;
  }
}

/** Invalid or missing client configuration. The message names the options or variables to set. */
export class MarketoConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarketoConfigError';
  }
}

/**
 * Returns the response when it contains at least one lead, else throws the MarketoError that SOAP's
 * getLead raised for an unmatched key: soapCode `'20103'`, message `Lead Not Found`.
 */
export function requireLeadFound(response: RestResponse<Lead>): RestResponse<Lead> {
  if (response.result.length > 0) return response;
  throw new MarketoError('Lead Not Found', {
    code: CLIENT_ERROR_CODES.leadNotFound,
    soapCode: '20103',
    requestId: response.requestId,
  });
}
