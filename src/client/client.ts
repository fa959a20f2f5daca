import { AccessTokenSource } from './auth.js';
import { resolveConfig } from './config.js';
import * as leads from './leads.js';
import { RedactingLogger } from './log.js';
import { CallPacer } from './pacing.js';
import {
  toSoapGetLeadResult,
  toSoapSyncLeadResult,
  type SoapGetLeadResult,
  type SoapSyncLeadResult,
  type SoapViewContext,
} from './soap-view.js';
import {
  soapLeadToSyncRequest,
  type SoapLeadRecordInput,
  type SoapLeadToSyncOptions,
} from './soap-lead.js';
import { RestTransport } from './transport.js';
import type {
  GetLeadsByFilterTypeRequest,
  Lead,
  LeadField,
  LeadReadOptions,
  MarketoClientOptions,
  RestResponse,
  SyncLeadResult,
  SyncLeadsRequest,
} from './types.js';

/** SOAP-shaped views of REST responses. Each function is bound, so it can be passed to `.then`. */
export interface SoapViews {
  getLead(response: RestResponse<Lead>): Promise<SoapGetLeadResult>;
  syncLead(
    response: RestResponse<SyncLeadResult>,
    options?: { returnLead?: boolean },
  ): Promise<SoapSyncLeadResult>;
}

/**
 * Typed client of Marketo's REST API. Each instance has its own access token, pacer and Describe
 * Lead cache, so the callers of one Marketo instance should share one client.
 */
export class MarketoRestClient {
  /** The origin the client sends REST calls to. */
  readonly baseUrl: string;
  readonly soapView: SoapViews;

  private readonly transport: RestTransport;
  private readonly tokens: AccessTokenSource;
  private readonly context: leads.LeadContext;
  private fieldsPromise: Promise<LeadField[]> | undefined;
  private fieldsValue: LeadField[] | undefined;

  /**
   * Throws MarketoConfigError when neither munchkinId nor baseUrl is given, or the client id or
   * secret is missing.
   */
  constructor(options: MarketoClientOptions) {
    const config = resolveConfig(options);
    const log = new RedactingLogger(options.logger);
    this.baseUrl = config.baseUrl;
    this.tokens = new AccessTokenSource({ ...config, log });
    const pacer = new CallPacer({
      ...config,
      onWait: (waitMs) => log.debug('Marketo call waits for the pacing window', { waitMs }),
    });
    this.transport = new RestTransport({ ...config, tokens: this.tokens, pacer, log });
    this.context = { transport: this.transport, leadFields: () => this.leadFields() };

    const viewContext: SoapViewContext = {
      leadFields: () => this.leadFields(),
      knownLeadFields: () => this.fieldsValue,
      getLeadById: (leadId, readOptions) => this.getLeadById(leadId, readOptions),
    };
    this.soapView = {
      getLead: (response) => toSoapGetLeadResult(viewContext, response),
      syncLead: (response, syncOptions) => toSoapSyncLeadResult(viewContext, response, syncOptions),
    };
  }

  /** Access token requests sent by this client so far. */
  get tokenRequestCount(): number {
    return this.tokens.requestCount;
  }

  /** Get Lead by Id: `GET /rest/v1/lead/{id}.json`. A missing lead gives an empty `result`. */
  getLeadById(leadId: number | string, options?: LeadReadOptions): Promise<RestResponse<Lead>> {
    return leads.getLeadById(this.context, leadId, options);
  }

  /** Get Leads by Filter Type: `GET /rest/v1/leads.json`. */
  getLeadsByFilterType(request: GetLeadsByFilterTypeRequest): Promise<RestResponse<Lead>> {
    return leads.getLeadsByFilterType(this.context, request);
  }

  /** Yields every lead of Get Leads by Filter Type, page after page. */
  iterateLeadsByFilterType(
    request: GetLeadsByFilterTypeRequest,
  ): AsyncGenerator<Lead, void, undefined> {
    return leads.iterateLeadsByFilterType(this.context, request);
  }

  /** Sync Leads: `POST /rest/v1/leads.json`. Skipped records are returned, not thrown. */
  syncLeads(request: SyncLeadsRequest): Promise<RestResponse<SyncLeadResult>> {
    return leads.syncLeads(this.context, request);
  }

  /** Associate Lead: `POST /rest/v1/leads/{id}/associate.json?cookie=`. */
  associateLead(leadId: number | string, cookie: string): Promise<RestResponse<never>> {
    return leads.associateLead(this.context, leadId, cookie);
  }

  /** Describe Lead: `GET /rest/v1/leads/describe.json`, the version that returns `soap.name`. */
  describeLead(): Promise<RestResponse<LeadField>> {
    return leads.describeLead(this.context);
  }

  /** Returns Describe Lead's fields, read once per client. A failed read is retried next time. */
  leadFields(): Promise<LeadField[]> {
    if (this.fieldsPromise === undefined) {
      this.fieldsPromise = this.describeLead().then(
        (response) => {
          this.fieldsValue = response.result;
          return response.result;
        },
        (error: unknown) => {
          this.fieldsPromise = undefined;
          throw error;
        },
      );
    }
    return this.fieldsPromise;
  }

  /**
   * Converts a SOAP LeadRecord built at run time into a Sync Leads request with REST names, by
   * SOAP syncLead's key precedence: `Id` (updateOnly by id), then `ForeignSysPersonId` (by
   * `foreignSysPersonIdField`, else MarketoConfigError), then `Email`. Without any of them it
   * throws TypeError, and an unknown attribute name gives MarketoError `FIELD_NOT_FOUND`.
   */
  soapLeadToSyncRequest(
    leadRecord: SoapLeadRecordInput,
    options?: SoapLeadToSyncOptions,
  ): Promise<SyncLeadsRequest> {
    return soapLeadToSyncRequest(() => this.leadFields(), leadRecord, options);
  }

  /**
   * Associates the synced lead with a Munchkin cookie, as SOAP syncLead did with `marketoCookie`:
   * only when `result[0]` was created or updated and the cookie is non-empty. Returns the sync
   * response unchanged.
   */
  async associateSyncedLead(
    response: RestResponse<SyncLeadResult>,
    cookie: string | undefined | null,
  ): Promise<RestResponse<SyncLeadResult>> {
    const record = response.result[0];
    const synced = record !== undefined && record.status !== 'skipped' && record.id !== undefined;
    if (synced && cookie) await this.associateLead(record.id as number, cookie);
    return response;
  }
}
