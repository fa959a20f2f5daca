/**
 * Public request and response types of the Marketo REST client.
 */

/** Logger for the client's requests, retries, waits and failures. Every method is optional. */
export interface MarketoLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** Source of time for token expiry, pacing and backoff. Tests inject a scaled or fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

export interface MarketoClientOptions {
  /** Munchkin id such as `123-ABC-456`, which gives `https://123-ABC-456.mktorest.com`. */
  munchkinId?: string;
  /**
   * Origin only, such as `http://127.0.0.1:4567`. The client adds `/rest`, `/bulk` and
   * `/identity`. It wins over `munchkinId` when both are given.
   */
  baseUrl?: string;
  /** Identity service URL, default `${baseUrl}/identity`. Tokens come from its `/oauth/token`. */
  identityUrl?: string;
  clientId: string;
  clientSecret: string;
  /** Timeout of one HTTP call in milliseconds. By default each endpoint has its own. */
  timeoutMs?: number;
  /** Silent by default. */
  logger?: MarketoLogger;
  /** Calls started per pacing window, default 50, at most 100 (Marketo's limit per instance). */
  maxCallsPerWindow?: number;
  /** Length of the sliding pacing window in milliseconds, default 20,000. */
  windowMs?: number;
  /** Calls in flight at once, default 5, at most 10 (Marketo's limit per instance). */
  maxConcurrentCalls?: number;
  /** Retries of one call after a transient error or a rate or concurrency limit, default 4. */
  maxRetries?: number;
  /** Clock for token expiry, pacing and backoff. Defaults to `Date.now` and `setTimeout`. */
  clock?: Clock;
}

/** A request-level error or warning of the REST envelope. */
export interface RestIssue {
  code: string | number;
  message: string;
}

/** The envelope every Lead Database REST call returns. */
export interface RestResponse<T> {
  requestId: string;
  success: boolean;
  result: T[];
  moreResult?: boolean;
  nextPageToken?: string;
  errors?: RestIssue[];
  warnings?: RestIssue[];
}

/** A lead as REST returns it: one flat object keyed by REST field names. */
export type Lead = { id: number } & Record<string, unknown>;

/** A lead record to sync, keyed by REST field names. */
export type LeadInput = Record<string, unknown>;

export type SyncAction = 'createOnly' | 'updateOnly' | 'createOrUpdate' | 'createDuplicate';

/** Result of one input record of Sync Leads, in input order. */
export interface SyncLeadResult {
  id?: number;
  status: 'created' | 'updated' | 'skipped';
  reasons?: RestIssue[];
}

/**
 * One lead field from Describe Lead. `rest` and `soap` appear only where the field is valid in
 * that API.
 */
export interface LeadField {
  id: number;
  displayName: string;
  dataType: string;
  length?: number;
  rest?: { name: string; readOnly: boolean };
  soap?: { name: string; readOnly: boolean };
}

export interface LeadReadOptions {
  /** REST field names to return. Without it Marketo returns six default fields. */
  fields?: readonly string[];
  /** Return every field that Describe Lead lists with a REST name. Overrides `fields`. */
  allFields?: boolean;
}

export interface GetLeadsByFilterTypeRequest extends LeadReadOptions {
  filterType: string;
  filterValues: readonly (string | number)[];
  /** Records per page, at most 300 (the default). */
  batchSize?: number;
  nextPageToken?: string;
}

export interface SyncLeadsRequest {
  /** Default `createOrUpdate`. */
  action?: SyncAction;
  /** Field to deduplicate on, default `email`. `id` works only with `updateOnly`. */
  lookupField?: string;
  partitionName?: string;
  asyncProcessing?: boolean;
  input: readonly LeadInput[];
  /**
   * Fields of the single input record by SOAP API name, such as `Region__c`. The client renames
   * them to REST names (standard field table, then Describe Lead) and merges them into
   * `input[0]`, whose own keys win. Not sent to Marketo. With more than one record it is a
   * TypeError.
   */
  soapFields?: Record<string, unknown>;
}
