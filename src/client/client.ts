import * as activities from './activities.js';
import { iterateAssets } from './assets.js';
import { AccessTokenSource } from './auth.js';
import * as campaigns from './campaigns.js';
import { resolveConfig } from './config.js';
import * as schema from './lead-schema.js';
import * as writes from './lead-writes.js';
import * as leads from './leads.js';
import * as lists from './lists.js';
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
  private activityTypesPromise: Promise<activities.ActivityType[]> | undefined;

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

  // --- Static lists and program members ---

  /** Get Lists: `GET /rest/v1/lists.json`, one page. */
  getLists(request?: lists.GetListsRequest): Promise<RestResponse<lists.StaticList>> {
    return lists.getLists(this.context, request);
  }

  /** Yields every static list of Get Lists, page after page. */
  iterateLists(request?: lists.GetListsRequest): AsyncGenerator<lists.StaticList, void, undefined> {
    return lists.iterateLists(this.context, request);
  }

  /** Add to List: `POST /rest/v1/lists/{listId}/leads.json`, in calls of 300 lead ids. */
  addToList(
    listId: number | string,
    leadIds: readonly (number | string)[],
  ): Promise<RestResponse<lists.ListMemberResult>> {
    return lists.addToList(this.context, listId, leadIds);
  }

  /** Remove from List: `DELETE /rest/v1/lists/{listId}/leads.json`, in calls of 300 lead ids. */
  removeFromList(
    listId: number | string,
    leadIds: readonly (number | string)[],
  ): Promise<RestResponse<lists.ListMemberResult>> {
    return lists.removeFromList(this.context, listId, leadIds);
  }

  /** Member of List: `GET /rest/v1/lists/{listId}/leads/ismember.json`, 300 ids per call. */
  memberOfList(
    listId: number | string,
    leadIds: readonly (number | string)[],
  ): Promise<RestResponse<lists.ListMemberResult>> {
    return lists.memberOfList(this.context, listId, leadIds);
  }

  /** Get Leads by List Id: `GET /rest/v1/lists/{listId}/leads.json`, one page. */
  getLeadsByListId(
    listId: number | string,
    request?: lists.PagedLeadRead,
  ): Promise<RestResponse<Lead>> {
    return lists.getLeadsByListId(this.context, listId, request);
  }

  /** Yields every member of a static list, page after page. */
  iterateLeadsByListId(
    listId: number | string,
    request?: lists.PagedLeadRead,
  ): AsyncGenerator<Lead, void, undefined> {
    return lists.iterateLeadsByListId(this.context, listId, request);
  }

  /** Get Leads by Program Id: `GET /rest/v1/leads/programs/{programId}.json`, one page. */
  getLeadsByProgramId(
    programId: number | string,
    request?: lists.PagedLeadRead,
  ): Promise<RestResponse<lists.ProgramMember>> {
    return lists.getLeadsByProgramId(this.context, programId, request);
  }

  /** Yields every member of a program with its `membership`, page after page. */
  iterateLeadsByProgramId(
    programId: number | string,
    request?: lists.PagedLeadRead,
  ): AsyncGenerator<lists.ProgramMember, void, undefined> {
    return lists.iterateLeadsByProgramId(this.context, programId, request);
  }

  // --- Lead writes and schema ---

  /** Merge Leads: `POST /rest/v1/leads/{winnerId}/merge.json`, 25 losing ids per call. */
  mergeLeads(
    winnerId: number | string,
    loserIds: readonly (number | string)[],
    options?: writes.MergeLeadsOptions,
  ): Promise<RestResponse<never>> {
    return writes.mergeLeads(this.context, winnerId, loserIds, options);
  }

  /** Submit Form: `POST /rest/v1/leads/submitForm.json`. Skipped records are returned. */
  submitForm(request: writes.SubmitFormRequest): Promise<RestResponse<writes.SubmitFormResult>> {
    return writes.submitForm(this.context, request);
  }

  /** Describe Lead2: `GET /rest/v1/leads/describe2.json`, with searchable fields. */
  describeLead2(): Promise<RestResponse<schema.LeadObjectMetadata>> {
    return schema.describeLead2(this.context);
  }

  /** Get Lead Partitions: `GET /rest/v1/leads/partitions.json`. */
  getLeadPartitions(): Promise<RestResponse<schema.LeadPartition>> {
    return schema.getLeadPartitions(this.context);
  }

  // --- Activities ---

  /** Get Activity Types: `GET /rest/v1/activities/types.json`. */
  getActivityTypes(): Promise<RestResponse<activities.ActivityType>> {
    return activities.getActivityTypes(this.context);
  }

  /** Returns Get Activity Types' result, read once per client. A failed read is retried. */
  activityTypes(): Promise<activities.ActivityType[]> {
    if (this.activityTypesPromise === undefined) {
      this.activityTypesPromise = this.getActivityTypes().then(
        (response) => response.result,
        (error: unknown) => {
          this.activityTypesPromise = undefined;
          throw error;
        },
      );
    }
    return this.activityTypesPromise;
  }

  /** Get Paging Token: `GET /rest/v1/activities/pagingtoken.json?sinceDatetime=`. */
  getPagingToken(sinceDatetime: string | Date): Promise<RestResponse<never>> {
    return activities.getPagingToken(this.context, sinceDatetime);
  }

  /** Get Lead Activities: `GET /rest/v1/activities.json`, one page (see the module notes). */
  getLeadActivities(
    request: activities.GetLeadActivitiesRequest,
  ): Promise<RestResponse<activities.Activity>> {
    return activities.getLeadActivities(this.context, request);
  }

  /** Yields every activity from the token on, while `moreResult` is true. */
  iterateLeadActivities(
    request: activities.GetLeadActivitiesRequest,
  ): AsyncGenerator<activities.Activity, void, undefined> {
    return activities.iterateLeadActivities(this.context, request);
  }

  /** Get Lead Changes: `GET /rest/v1/activities/leadchanges.json`, one page. */
  getLeadChanges(
    request: activities.GetLeadChangesRequest,
  ): Promise<RestResponse<activities.LeadChange>> {
    return activities.getLeadChanges(this.context, request);
  }

  /** Yields every lead change from the token on, while `moreResult` is true. */
  iterateLeadChanges(
    request: activities.GetLeadChangesRequest,
  ): AsyncGenerator<activities.LeadChange, void, undefined> {
    return activities.iterateLeadChanges(this.context, request);
  }

  // --- Campaigns ---

  /** Request Campaign: `POST /rest/v1/campaigns/{id}/trigger.json`, 100 leads per call. */
  requestCampaign(
    campaignId: number | string,
    request: campaigns.RequestCampaignRequest,
  ): Promise<RestResponse<campaigns.CampaignIdResult>> {
    return campaigns.requestCampaign(this.context, campaignId, request);
  }

  /** Schedule Campaign: `POST /rest/v1/campaigns/{id}/schedule.json`. */
  scheduleCampaign(
    campaignId: number | string,
    request?: campaigns.ScheduleCampaignRequest,
  ): Promise<RestResponse<campaigns.CampaignIdResult>> {
    return campaigns.scheduleCampaign(this.context, campaignId, request);
  }

  /** Get Smart Campaigns: `GET /rest/asset/v1/smartCampaigns.json`, one page. */
  getSmartCampaigns(
    request?: campaigns.GetSmartCampaignsRequest,
  ): Promise<RestResponse<campaigns.SmartCampaign>> {
    return campaigns.getSmartCampaigns(this.context, request);
  }

  /** Yields every smart campaign, in pages of `maxReturn` (default 200). */
  iterateSmartCampaigns(
    request: campaigns.GetSmartCampaignsRequest = {},
  ): AsyncGenerator<campaigns.SmartCampaign, void, undefined> {
    return iterateAssets((page) => campaigns.getSmartCampaigns(this.context, page), request);
  }

  /** Get Smart Campaign by Name: `GET /rest/asset/v1/smartCampaign/byName.json`. */
  getSmartCampaignByName(name: string): Promise<RestResponse<campaigns.SmartCampaign>> {
    return campaigns.getSmartCampaignByName(this.context, name);
  }

  // --- SOAP input ---

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
