/**
 * The `soapView` member of the client: one bound function per SOAP operation that rebuilds the
 * SOAP result shape from the REST response of its replacement.
 */
import type { Activity, ActivityType, LeadChange } from './activities.js';
import type { CampaignIdResult, SmartCampaign } from './campaigns.js';
import type { Channel, TagType } from './channels-tags.js';
import type { CustomObject } from './custom-objects.js';
import type { ImportJob, ImportLeadStatus } from './bulk-import.js';
import type { ListMemberResult } from './lists.js';
import type { ObjectMetadata, ObjectRecord, ObjectWriteResult } from './objects.js';
import type { Program } from './programs.js';
import {
  toSoapGetLeadResult,
  toSoapGetMultipleLeadsResult,
  toSoapSyncLeadResult,
  toSoapSyncMultipleLeadsResult,
  type SoapGetLeadResult,
  type SoapGetMultipleLeadsResult,
  type SoapSyncLeadResult,
  type SoapSyncMultipleLeadsResult,
  type SoapViewContext,
} from './soap-view.js';
import {
  toSoapGetLeadActivityResult,
  toSoapGetLeadChangesResult,
  type ActivityViewContext,
  type SoapGetLeadActivityResult,
  type SoapGetLeadChangesResult,
} from './soap-view-activities.js';
import {
  toSoapGetCampaignsForSourceResult,
  toSoapGetChannelsResult,
  toSoapGetTagsResult,
  type SoapGetCampaignsForSourceResult,
  type SoapGetChannelsResult,
  type SoapGetTagsResult,
} from './soap-view-assets.js';
import {
  toSoapGetImportToListStatusResult,
  toSoapImportToListResult,
  type SoapGetImportToListStatusResult,
  type SoapImportToListResult,
} from './soap-view-imports.js';
import {
  toSoapDeleteCustomObjectsResult,
  toSoapDescribeMObjectResult,
  toSoapGetCustomObjectsResult,
  toSoapGetMObjectsResult,
  toSoapMObjStatusResult,
  toSoapSyncCustomObjectsResult,
  type DescribeResponse,
  type SoapDeleteCustomObjectsResult,
  type SoapDescribableObject,
  type SoapDescribeMObjectResult,
  type SoapGetCustomObjectsResult,
  type SoapGetMObjectsResult,
  type SoapMObjectType,
  type SoapMObjStatusResult,
  type SoapSyncCustomObjectsResult,
} from './soap-view-objects.js';
import {
  toSoapListOperationResult,
  toSoapMergeLeadsResult,
  toSoapSuccessResult,
  type SoapListOperationResult,
  type SoapMergeLeadsResult,
  type SoapSuccessResult,
} from './soap-view-operations.js';
import type { Lead, LeadField, RestResponse, SyncLeadResult } from './types.js';

/**
 * SOAP-shaped views of REST responses. Each function is bound, so it can be passed to `.then`,
 * and each returns a promise, so that views which read more data and views which do not are
 * called the same way.
 */
export interface SoapViews {
  getLead(response: RestResponse<Lead>): Promise<SoapGetLeadResult>;
  /** For one page of Get Leads by Filter Type or Get Leads by List Id. */
  getMultipleLeads(response: RestResponse<Lead>): Promise<SoapGetMultipleLeadsResult>;
  syncLead(
    response: RestResponse<SyncLeadResult>,
    options?: { returnLead?: boolean },
  ): Promise<SoapSyncLeadResult>;
  /** For Sync Leads and `syncSoapLeads` responses. */
  syncMultipleLeads(response: RestResponse<SyncLeadResult>): Promise<SoapSyncMultipleLeadsResult>;
  requestCampaign(response: RestResponse<CampaignIdResult>): Promise<SoapSuccessResult>;
  scheduleCampaign(response: RestResponse<CampaignIdResult>): Promise<SoapSuccessResult>;
  /** For `getRequestableSmartCampaigns` responses. */
  getCampaignsForSource(
    response: RestResponse<SmartCampaign>,
  ): Promise<SoapGetCampaignsForSourceResult>;
  /** Takes the ids the merge was sent with, because Merge Leads returns none. */
  mergeLeads(
    response: RestResponse<never>,
    winnerId: number | string,
    loserIds: readonly (number | string)[],
  ): Promise<SoapMergeLeadsResult>;
  /** For Add to List, Remove from List and Member of List responses. */
  listOperation(response: RestResponse<ListMemberResult>): Promise<SoapListOperationResult>;
  /** For Import Leads responses. The result also has the `batchId`. */
  importToList(response: RestResponse<ImportJob>): Promise<SoapImportToListResult>;
  /** For Get Import Lead Status responses. */
  getImportToListStatus(
    response: RestResponse<ImportLeadStatus>,
  ): Promise<SoapGetImportToListStatusResult>;
  /** For one page of Get Lead Activities. */
  getLeadActivity(response: RestResponse<Activity>): Promise<SoapGetLeadActivityResult>;
  /** For one page of Get Lead Changes, or of Get Lead Activities for other activity names. */
  getLeadChanges(response: RestResponse<LeadChange | Activity>): Promise<SoapGetLeadChangesResult>;
  /** For Get Channels and Get Channel by Name responses. */
  getChannels(response: RestResponse<Channel>): Promise<SoapGetChannelsResult>;
  /** For Get Tag Types and Get Tag by Name responses. Reads each type's values by name. */
  getTags(response: RestResponse<TagType>): Promise<SoapGetTagsResult>;
  /** For Describe Opportunity and Describe Opportunity Role responses. */
  describeMObject(
    response: RestResponse<ObjectMetadata>,
    objectName: 'Opportunity' | 'OpportunityPersonRole',
  ): Promise<SoapDescribeMObjectResult>;
  /** For Describe Lead responses. */
  describeMObject(
    response: RestResponse<LeadField>,
    objectName: 'LeadRecord',
  ): Promise<SoapDescribeMObjectResult>;
  /** For Get Activity Types responses, since REST cannot describe activities. */
  describeMObject(
    response: RestResponse<ActivityType>,
    objectName: 'ActivityRecord',
  ): Promise<SoapDescribeMObjectResult>;
  /** For Get Opportunities, Get Opportunity Roles and Programs reads. */
  getMObjects(
    response: RestResponse<ObjectRecord> | RestResponse<Program>,
    type: SoapMObjectType,
  ): Promise<SoapGetMObjectsResult>;
  /** For Sync Opportunities and Sync Opportunity Roles responses. */
  syncMObjects(
    response: RestResponse<ObjectWriteResult>,
    type: SoapMObjectType,
  ): Promise<SoapMObjStatusResult>;
  /** For Delete Opportunities and Delete Opportunity Roles responses. */
  deleteMObjects(
    response: RestResponse<ObjectWriteResult>,
    type: SoapMObjectType,
  ): Promise<SoapMObjStatusResult>;
  /** For one page of Get Custom Objects. Reads the object's Describe once per client. */
  getCustomObjects(
    response: RestResponse<CustomObject>,
    apiName: string,
  ): Promise<SoapGetCustomObjectsResult>;
  syncCustomObjects(
    response: RestResponse<ObjectWriteResult>,
    apiName: string,
  ): Promise<SoapSyncCustomObjectsResult>;
  deleteCustomObjects(
    response: RestResponse<ObjectWriteResult>,
    apiName: string,
  ): Promise<SoapDeleteCustomObjectsResult>;
}

/** Client services that the views use besides those of {@link SoapViewContext}. */
export interface SoapViewsContext extends SoapViewContext, ActivityViewContext {
  getTagByName(name: string): Promise<RestResponse<TagType>>;
  /** Describe Custom Object, read once per API name. */
  customObjectMetadata(apiName: string): Promise<ObjectMetadata | undefined>;
}

const DESCRIBABLE_OBJECTS: ReadonlySet<string> = new Set<SoapDescribableObject>([
  'Opportunity',
  'OpportunityPersonRole',
  'LeadRecord',
  'ActivityRecord',
]);

const MOBJECT_TYPES: ReadonlySet<string> = new Set<SoapMObjectType>([
  'Opportunity',
  'OpportunityPersonRole',
  'Program',
]);

export function createSoapViews(context: SoapViewsContext): SoapViews {
  return {
    getLead: (response) => toSoapGetLeadResult(context, response),
    getMultipleLeads: (response) => toSoapGetMultipleLeadsResult(context, response),
    syncLead: (response, options) => toSoapSyncLeadResult(context, response, options),
    syncMultipleLeads: async (response) => toSoapSyncMultipleLeadsResult(response),
    requestCampaign: async (response) => toSoapSuccessResult(response),
    scheduleCampaign: async (response) => toSoapSuccessResult(response),
    getCampaignsForSource: async (response) => toSoapGetCampaignsForSourceResult(response),
    mergeLeads: async (response, winnerId, loserIds) =>
      toSoapMergeLeadsResult(response, winnerId, loserIds),
    listOperation: async (response) => toSoapListOperationResult(response),
    importToList: async (response) => toSoapImportToListResult(response),
    getImportToListStatus: async (response) => toSoapGetImportToListStatusResult(response),
    getLeadActivity: (response) => toSoapGetLeadActivityResult(context, response),
    getLeadChanges: (response) => toSoapGetLeadChangesResult(context, response),
    getChannels: async (response) => toSoapGetChannelsResult(response),
    getTags: (response) => toSoapGetTagsResult((name) => context.getTagByName(name), response),
    describeMObject: async (response: RestResponse<unknown>, objectName: SoapDescribableObject) => {
      checkName('soapView.describeMObject', 'objectName', objectName, DESCRIBABLE_OBJECTS);
      return toSoapDescribeMObjectResult({ objectName, response } as DescribeResponse);
    },
    getMObjects: async (response, type) => {
      checkName('soapView.getMObjects', 'type', type, MOBJECT_TYPES);
      return toSoapGetMObjectsResult(response, type);
    },
    syncMObjects: async (response, type) => {
      checkName('soapView.syncMObjects', 'type', type, MOBJECT_TYPES);
      return toSoapMObjStatusResult(response);
    },
    deleteMObjects: async (response, type) => {
      checkName('soapView.deleteMObjects', 'type', type, MOBJECT_TYPES);
      return toSoapMObjStatusResult(response);
    },
    getCustomObjects: async (response, apiName) =>
      toSoapGetCustomObjectsResult(response, apiName, await context.customObjectMetadata(apiName)),
    syncCustomObjects: async (response, apiName) =>
      toSoapSyncCustomObjectsResult(response, apiName),
    deleteCustomObjects: async (response, apiName) =>
      toSoapDeleteCustomObjectsResult(response, apiName),
  };
}

function checkName(operation: string, name: string, value: string, known: ReadonlySet<string>) {
  if (!known.has(value)) {
    throw new TypeError(
      `${operation}: invalid ${name} ${JSON.stringify(value)}. Expected one of ` +
        `${[...known].join(', ')}.`,
    );
  }
}
