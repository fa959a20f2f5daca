import * as activities from './activities.js';
import { matchActivityTypeIds } from './activity-names.js';
import { iterateAssets, type OffsetPage } from './assets.js';
import { AccessTokenSource } from './auth.js';
import * as bulkExport from './bulk-export.js';
import * as bulkImport from './bulk-import.js';
import * as campaigns from './campaigns.js';
import * as channelsTags from './channels-tags.js';
import * as customObjects from './custom-objects.js';
import { resolveConfig } from './config.js';
import * as schema from './lead-schema.js';
import * as writes from './lead-writes.js';
import * as leads from './leads.js';
import * as lists from './lists.js';
import { RedactingLogger } from './log.js';
import * as objects from './objects.js';
import * as opportunities from './opportunities.js';
import { CallPacer } from './pacing.js';
import * as programs from './programs.js';
import * as resolve from './resolve.js';
import { soapImportFileToCsv } from './soap-import.js';
import { createSoapViews, type SoapViews, type SoapViewsContext } from './soap-views.js';
import { syncSoapLeads, type SyncSoapLeadsOptions } from './soap-sync.js';
import {
  soapLeadToSyncRequest,
  type SoapLeadRecordInput,
  type SoapLeadToSyncOptions,
} from './soap-lead.js';
import { RestTransport, type FileStream } from './transport.js';
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

export type { SoapViews } from './soap-views.js';

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

    const customObjectMetadata = new Map<string, Promise<objects.ObjectMetadata | undefined>>();
    const viewContext: SoapViewsContext = {
      leadFields: () => this.leadFields(),
      knownLeadFields: () => this.fieldsValue,
      getLeadById: (leadId, readOptions) => this.getLeadById(leadId, readOptions),
      getTagByName: (name) => this.getTagByName(name),
      activityTypes: () => this.activityTypes(),
      customObjectMetadata: (apiName) => {
        let metadata = customObjectMetadata.get(apiName);
        if (metadata === undefined) {
          metadata = this.describeCustomObject(apiName).then(
            (response) => response.result[0],
            (error: unknown) => {
              customObjectMetadata.delete(apiName);
              throw error;
            },
          );
          customObjectMetadata.set(apiName, metadata);
        }
        return metadata;
      },
    };
    this.soapView = createSoapViews(viewContext);
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

  /**
   * Returns the activity type ids of SOAP activity type names, which may be ActivityType enum
   * values such as `VisitWebpage` or display names such as "Visit Webpage", through the cached
   * Get Activity Types. Throws MarketoError `ACTIVITY_TYPE_NOT_FOUND` for unmatched names.
   */
  async resolveActivityTypeIds(names: readonly string[]): Promise<number[]> {
    return matchActivityTypeIds(await this.activityTypes(), names);
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

  /**
   * Returns the smart campaigns that Request Campaign accepts, as SOAP getCampaignsForSource
   * listed them: every requestable campaign whose name contains `name` (ignoring case), or with
   * `exactName` the one named `name`. Without `exactName` it reads every page of Get Smart
   * Campaigns.
   */
  getRequestableSmartCampaigns(
    request?: campaigns.GetRequestableSmartCampaignsRequest,
  ): Promise<RestResponse<campaigns.SmartCampaign>> {
    return campaigns.getRequestableSmartCampaigns(this.context, request);
  }

  // --- Bulk import ---

  /** Import Leads: `POST /bulk/v1/leads.json` with the file as a multipart part. */
  importLeads(request: bulkImport.ImportLeadsRequest): Promise<RestResponse<bulkImport.ImportJob>> {
    return bulkImport.importLeads(this.context, request);
  }

  /** Get Import Lead Status: `GET /bulk/v1/leads/batch/{batchId}.json`. */
  getImportLeadStatus(
    batchId: number | string,
  ): Promise<RestResponse<bulkImport.ImportLeadStatus>> {
    return bulkImport.getImportLeadStatus(this.context, batchId);
  }

  /** Get Import Lead Failures: `GET /bulk/v1/leads/batch/{batchId}/failures.json`, as text. */
  getImportLeadFailures(batchId: number | string): Promise<string> {
    return bulkImport.getImportLeadFailures(this.context, batchId);
  }

  /** Get Import Lead Warnings: `GET /bulk/v1/leads/batch/{batchId}/warnings.json`, as text. */
  getImportLeadWarnings(batchId: number | string): Promise<string> {
    return bulkImport.getImportLeadWarnings(this.context, batchId);
  }

  /** Import Custom Objects: `POST /bulk/v1/customobjects/{apiName}/import.json`. */
  importCustomObjects(
    apiName: string,
    request: bulkImport.ImportCustomObjectsRequest,
  ): Promise<RestResponse<bulkImport.ImportCustomObjectStatus>> {
    return bulkImport.importCustomObjects(this.context, apiName, request);
  }

  /** Get Import Custom Object Status: `GET .../import/{batchId}/status.json`. */
  getImportCustomObjectStatus(
    apiName: string,
    batchId: number | string,
  ): Promise<RestResponse<bulkImport.ImportCustomObjectStatus>> {
    return bulkImport.getImportCustomObjectStatus(this.context, apiName, batchId);
  }

  /** Get Import Custom Object Failures: `GET .../import/{batchId}/failures.json`, as text. */
  getImportCustomObjectFailures(apiName: string, batchId: number | string): Promise<string> {
    return bulkImport.getImportCustomObjectFailures(this.context, apiName, batchId);
  }

  /** Get Import Custom Object Warnings: `GET .../import/{batchId}/warnings.json`, as text. */
  getImportCustomObjectWarnings(apiName: string, batchId: number | string): Promise<string> {
    return bulkImport.getImportCustomObjectWarnings(this.context, apiName, batchId);
  }

  // --- Opportunities and opportunity roles ---

  /** Describe Opportunity: `GET /rest/v1/opportunities/describe.json`. */
  describeOpportunity(): Promise<RestResponse<objects.ObjectMetadata>> {
    return opportunities.describeOpportunity(this.context);
  }

  /** Get Opportunities: `GET /rest/v1/opportunities.json` by filter type, one page. */
  getOpportunities(
    request: objects.GetObjectsRequest,
  ): Promise<RestResponse<opportunities.Opportunity>> {
    return objects.getObjects(
      this.context,
      opportunities.OPPORTUNITIES,
      'getOpportunities',
      request,
    );
  }

  /** Yields every opportunity that matches, page after page. */
  iterateOpportunities(
    request: objects.GetObjectsRequest,
  ): AsyncGenerator<opportunities.Opportunity, void, undefined> {
    const api = opportunities.OPPORTUNITIES;
    return objects.iterateObjects(this.context, api, 'getOpportunities', request);
  }

  /** Sync Opportunities: `POST /rest/v1/opportunities.json`, in calls of 300. */
  syncOpportunities(
    request: objects.SyncObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    const api = opportunities.OPPORTUNITIES;
    return objects.syncObjects(this.context, api, 'syncOpportunities', request);
  }

  /** Delete Opportunities: `POST /rest/v1/opportunities/delete.json`, in calls of 300. */
  deleteOpportunities(
    request: objects.DeleteObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    const api = opportunities.OPPORTUNITIES;
    return objects.deleteObjects(this.context, api, 'deleteOpportunities', request);
  }

  /** Describe Opportunity Role: `GET /rest/v1/opportunities/roles/describe.json`. */
  describeOpportunityRole(): Promise<RestResponse<objects.ObjectMetadata>> {
    return opportunities.describeOpportunityRole(this.context);
  }

  /** Get Opportunity Roles: `GET /rest/v1/opportunities/roles.json`, or by compound key. */
  getOpportunityRoles(
    request: objects.GetObjectsRequest,
  ): Promise<RestResponse<opportunities.OpportunityRole>> {
    const api = opportunities.OPPORTUNITY_ROLES;
    return objects.getObjects(this.context, api, 'getOpportunityRoles', request);
  }

  /** Yields every opportunity role that matches, page after page. */
  iterateOpportunityRoles(
    request: objects.GetObjectsRequest,
  ): AsyncGenerator<opportunities.OpportunityRole, void, undefined> {
    const api = opportunities.OPPORTUNITY_ROLES;
    return objects.iterateObjects(this.context, api, 'getOpportunityRoles', request);
  }

  /** Sync Opportunity Roles: `POST /rest/v1/opportunities/roles.json`, in calls of 300. */
  syncOpportunityRoles(
    request: objects.SyncObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    const api = opportunities.OPPORTUNITY_ROLES;
    return objects.syncObjects(this.context, api, 'syncOpportunityRoles', request);
  }

  /** Delete Opportunity Roles: `POST /rest/v1/opportunities/roles/delete.json`. */
  deleteOpportunityRoles(
    request: objects.DeleteObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    const api = opportunities.OPPORTUNITY_ROLES;
    return objects.deleteObjects(this.context, api, 'deleteOpportunityRoles', request);
  }

  // --- Custom objects ---

  /** List Custom Objects: `GET /rest/v1/customobjects.json`, optionally by API names. */
  listCustomObjects(
    names?: readonly string[],
  ): Promise<RestResponse<customObjects.CustomObjectType>> {
    return customObjects.listCustomObjects(this.context, names);
  }

  /** Describe Custom Object: `GET /rest/v1/customobjects/{apiName}/describe.json`. */
  describeCustomObject(apiName: string): Promise<RestResponse<objects.ObjectMetadata>> {
    return customObjects.describeCustomObject(this.context, apiName);
  }

  /** Get Custom Objects: `GET /rest/v1/customobjects/{apiName}.json`, or by compound key. */
  getCustomObjects(
    apiName: string,
    request: objects.GetObjectsRequest,
  ): Promise<RestResponse<customObjects.CustomObject>> {
    return customObjects.getCustomObjects(this.context, apiName, request);
  }

  /** Yields every custom object that matches, page after page. */
  iterateCustomObjects(
    apiName: string,
    request: objects.GetObjectsRequest,
  ): AsyncGenerator<customObjects.CustomObject, void, undefined> {
    return customObjects.iterateCustomObjects(this.context, apiName, request);
  }

  /** Sync Custom Objects: `POST /rest/v1/customobjects/{apiName}.json`, in calls of 300. */
  syncCustomObjects(
    apiName: string,
    request: objects.SyncObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    return customObjects.syncCustomObjects(this.context, apiName, request);
  }

  /** Delete Custom Objects: `POST /rest/v1/customobjects/{apiName}/delete.json`. */
  deleteCustomObjects(
    apiName: string,
    request: objects.DeleteObjectsRequest,
  ): Promise<RestResponse<objects.ObjectWriteResult>> {
    return customObjects.deleteCustomObjects(this.context, apiName, request);
  }

  // --- Channels and tags ---

  /** Get Channels: `GET /rest/asset/v1/channels.json`, one page. */
  getChannels(request?: OffsetPage): Promise<RestResponse<channelsTags.Channel>> {
    return channelsTags.getChannels(this.context, request);
  }

  /** Yields every channel, in pages of `maxReturn` (default 200). */
  iterateChannels(request: OffsetPage = {}): AsyncGenerator<channelsTags.Channel, void, undefined> {
    return iterateAssets((page) => channelsTags.getChannels(this.context, page), request);
  }

  /** Get Channel by Name: `GET /rest/asset/v1/channel/byName.json`. */
  getChannelByName(name: string): Promise<RestResponse<channelsTags.Channel>> {
    return channelsTags.getChannelByName(this.context, name);
  }

  /** Get Tag Types: `GET /rest/asset/v1/tagTypes.json`, one page, without allowed values. */
  getTagTypes(request?: OffsetPage): Promise<RestResponse<channelsTags.TagType>> {
    return channelsTags.getTagTypes(this.context, request);
  }

  /** Yields every tag type, in pages of `maxReturn` (default 200). */
  iterateTagTypes(request: OffsetPage = {}): AsyncGenerator<channelsTags.TagType, void, undefined> {
    return iterateAssets((page) => channelsTags.getTagTypes(this.context, page), request);
  }

  /** Get Tag by Name: `GET /rest/asset/v1/tagType/byName.json`, with `allowableValues`. */
  getTagByName(name: string): Promise<RestResponse<channelsTags.TagType>> {
    return channelsTags.getTagByName(this.context, name);
  }

  // --- Bulk export ---

  /** Create Export Lead Job: `POST /bulk/v1/leads/export/create.json`. */
  createExportLeadJob(
    request: bulkExport.CreateExportLeadJobRequest,
  ): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.createExportJob(this.context, bulkExport.LEAD_EXPORT, request);
  }

  /** Enqueue Export Lead Job: `POST /bulk/v1/leads/export/{exportId}/enqueue.json`. */
  enqueueExportLeadJob(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.enqueueExportJob(this.context, bulkExport.LEAD_EXPORT, exportId);
  }

  /** Get Export Lead Job Status: `GET /bulk/v1/leads/export/{exportId}/status.json`. */
  getExportLeadJobStatus(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.getExportJobStatus(this.context, bulkExport.LEAD_EXPORT, exportId);
  }

  /** Get Export Lead File Contents as a stream, whole or from a byte range. */
  getExportLeadFile(exportId: string, range?: bulkExport.ByteRange): Promise<FileStream> {
    return bulkExport.getExportFile(this.context, bulkExport.LEAD_EXPORT, exportId, range);
  }

  /** Cancel Export Lead Job: `POST /bulk/v1/leads/export/{exportId}/cancel.json`. */
  cancelExportLeadJob(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.cancelExportJob(this.context, bulkExport.LEAD_EXPORT, exportId);
  }

  /** Create Export Activity Job: `POST /bulk/v1/activities/export/create.json`. */
  createExportActivityJob(
    request: bulkExport.CreateExportActivityJobRequest,
  ): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.createExportJob(this.context, bulkExport.ACTIVITY_EXPORT, request);
  }

  /** Enqueue Export Activity Job: `POST .../activities/export/{exportId}/enqueue.json`. */
  enqueueExportActivityJob(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.enqueueExportJob(this.context, bulkExport.ACTIVITY_EXPORT, exportId);
  }

  /** Get Export Activity Job Status: `GET .../activities/export/{exportId}/status.json`. */
  getExportActivityJobStatus(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.getExportJobStatus(this.context, bulkExport.ACTIVITY_EXPORT, exportId);
  }

  /** Get Export Activity File Contents as a stream, whole or from a byte range. */
  getExportActivityFile(exportId: string, range?: bulkExport.ByteRange): Promise<FileStream> {
    return bulkExport.getExportFile(this.context, bulkExport.ACTIVITY_EXPORT, exportId, range);
  }

  /** Cancel Export Activity Job: `POST .../activities/export/{exportId}/cancel.json`. */
  cancelExportActivityJob(exportId: string): Promise<RestResponse<bulkExport.ExportJob>> {
    return bulkExport.cancelExportJob(this.context, bulkExport.ACTIVITY_EXPORT, exportId);
  }

  // --- Programs ---

  /** Get Program by Id: `GET /rest/asset/v1/program/{id}.json`, with tags and costs. */
  getProgramById(programId: number | string): Promise<RestResponse<programs.Program>> {
    return programs.getProgramById(this.context, programId);
  }

  /** Get Program by Name: `GET /rest/asset/v1/program/byName.json`, exact match. */
  getProgramByName(
    name: string,
    options?: programs.GetProgramByNameOptions,
  ): Promise<RestResponse<programs.Program>> {
    return programs.getProgramByName(this.context, name, options);
  }

  /** Get Programs: `GET /rest/asset/v1/programs.json`, one page. */
  getPrograms(request?: programs.GetProgramsRequest): Promise<RestResponse<programs.Program>> {
    return programs.getPrograms(this.context, request);
  }

  /** Yields every program of Get Programs, in pages of `maxReturn` (default 200). */
  iteratePrograms(
    request: programs.GetProgramsRequest = {},
  ): AsyncGenerator<programs.Program, void, undefined> {
    return iterateAssets((page) => programs.getPrograms(this.context, page), request);
  }

  /** Update Program: `POST /rest/asset/v1/program/{id}.json` with a form body. */
  updateProgram(
    programId: number | string,
    request: programs.UpdateProgramRequest,
  ): Promise<RestResponse<programs.Program>> {
    return programs.updateProgram(this.context, programId, request);
  }

  // --- Names and SOAP lead keys to ids ---

  /**
   * Returns one lead id per SOAP LeadKey, in key order. IDNUM values pass through without a
   * call. Throws MarketoError 20103 for keys that match no lead, and `MULTIPLE_LEADS_MATCH` for
   * keys that match several.
   */
  resolveLeadIds(leadKeys: readonly resolve.SoapLeadKey[]): Promise<number[]> {
    return resolve.resolveLeadIds(this.context, leadKeys);
  }

  /**
   * Returns the id of the smart campaign `campaignName` in program `programName`, as SOAP
   * requestCampaign and scheduleCampaign found it. Throws MarketoError 20113 when none matches.
   */
  resolveCampaignId(ref: resolve.CampaignNameRef): Promise<number> {
    return resolve.resolveCampaignId(this.context, ref);
  }

  /**
   * Returns the id of the static list `listName`, as SOAP's MKTOLISTNAME list key named it.
   * Throws MarketoError 20111 when none matches, and `MULTIPLE_LISTS_MATCH` when several do.
   */
  resolveListId(ref: resolve.ListNameRef): Promise<number> {
    return resolve.resolveListId(this.context, ref);
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
   * Syncs SOAP LeadRecords, as SOAP syncMultipleLeads did: each record is keyed by `Id`, then
   * `ForeignSysPersonId`, then `Email`, the records are sent in one Sync Leads request per
   * lookup field, and `result` has one status per record in input order. `dedupEnabled: false`
   * creates duplicates of the records keyed by email.
   */
  syncSoapLeads(
    leadRecords: SoapLeadRecordInput | readonly SoapLeadRecordInput[],
    options?: SyncSoapLeadsOptions,
  ): Promise<RestResponse<SyncLeadResult>> {
    return syncSoapLeads(this.context, leadRecords, options);
  }

  /**
   * Builds the CSV file of an Import Leads call from SOAP importToList's `importFileHeader` and
   * `importFileRows.stringItem`, renaming the header's display names to REST names through
   * Describe Lead. Throws TypeError for a My Token column.
   */
  soapImportFileToCsv(
    importFileHeader: string,
    importFileRows: string | readonly string[] | null | undefined,
  ): Promise<string> {
    return soapImportFileToCsv(() => this.leadFields(), importFileHeader, importFileRows);
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
