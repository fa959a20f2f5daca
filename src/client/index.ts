/**
 * Typed Marketo REST client that migrated SOAP code calls. It has no runtime dependencies beyond
 * Node 20's built-ins, so it can be copied into the migrated repository as it is.
 */
export { toCallback } from './callback.js';
export { MarketoRestClient, type SoapViews } from './client.js';
export { systemClock } from './clock.js';
export { PACING_LIMITS } from './config.js';
export {
  createRestClient,
  createRestClientAsync,
  ENV_VARIABLES,
  restClientFromEnv,
} from './env.js';
export {
  CLIENT_ERROR_CODES,
  MarketoConfigError,
  MarketoError,
  requireLeadFound,
  SOAP_CODE_BY_REST_CODE,
} from './errors.js';
export { MAX_GET_URL_BYTES } from './http.js';
export { FILTER_TYPE_BY_KEY_TYPE, leadFilterType } from './lead-keys.js';
export { LEAD_BATCH_SIZE, LEAD_TIMEOUTS_MS } from './leads.js';
export { REST_CODE_POLICIES, type FailureKind, type FailurePolicy } from './retry.js';
export type { CampaignNameRef, ListNameRef, SoapLeadKey } from './resolve.js';
export {
  BULK_EXPORT_TIMEOUT_MS,
  type ActivityExportFilter,
  type ByteRange,
  type CreateExportActivityJobRequest,
  type CreateExportLeadJobRequest,
  type DateRange,
  type ExportFormat,
  type ExportJob,
  type ExportStatus,
  type LeadExportFilter,
} from './bulk-export.js';
export {
  BULK_IMPORT_TIMEOUT_MS,
  MAX_IMPORT_FILE_BYTES,
  type ImportCustomObjectStatus,
  type ImportCustomObjectsRequest,
  type ImportFormat,
  type ImportJob,
  type ImportLeadStatus,
  type ImportLeadsRequest,
  type ImportStatus,
} from './bulk-import.js';
export {
  parseAllowableValues,
  type Channel,
  type ProgressionStatus,
  type TagType,
} from './channels-tags.js';
export type { CustomObject, CustomObjectType } from './custom-objects.js';
export type {
  DeleteObjectsRequest,
  GetObjectsByFilterRequest,
  GetObjectsByKeysRequest,
  GetObjectsRequest,
  ObjectField,
  ObjectMetadata,
  ObjectRecord,
  ObjectWriteResult,
  SyncObjectsRequest,
} from './objects.js';
export type { Opportunity, OpportunityRole } from './opportunities.js';
export type { FileStream } from './transport.js';
export type {
  GetProgramByNameOptions,
  GetProgramsRequest,
  Program,
  ProgramCost,
  ProgramFolder,
  ProgramTag,
  UpdateProgramRequest,
} from './programs.js';
export { ACTIVITY_NAME_BY_SOAP_ENUM } from './activity-names.js';
export type {
  SoapActivityAttribute,
  SoapActivityRecord,
  SoapGetLeadActivityResult,
  SoapGetLeadChangesResult,
} from './soap-view-activities.js';
export type {
  SoapAttrib,
  SoapCampaignRecord,
  SoapGetCampaignsForSourceResult,
  SoapGetChannelsResult,
  SoapGetTagsResult,
  SoapTag,
  SoapTagStatus,
} from './soap-view-assets.js';
export type {
  SoapGetImportToListStatusResult,
  SoapImportStatus,
  SoapImportToListResult,
} from './soap-view-imports.js';
export type {
  SoapCustomObj,
  SoapCustomObjAttribute,
  SoapDeleteCustomObjectsResult,
  SoapDescribableObject,
  SoapDescribeMObjectResult,
  SoapGetCustomObjectsResult,
  SoapGetMObjectsResult,
  SoapMObject,
  SoapMObjectAttrib,
  SoapMObjectField,
  SoapTypeAttrib,
  SoapMObjectType,
  SoapMObjStatus,
  SoapMObjStatusResult,
  SoapObjectStatus,
  SoapSyncCustomObjectsResult,
  SoapSyncCustomObjStatus,
} from './soap-view-objects.js';
export type { SyncSoapLeadsOptions } from './soap-sync.js';
export type {
  SoapLeadStatus,
  SoapListOperationResult,
  SoapMergeLeadsResult,
  SoapMergeStatus,
  SoapSuccessResult,
} from './soap-view-operations.js';
export {
  SOAP_BOOLEAN_VALUES,
  type SoapAttribute,
  type SoapGetLeadResult,
  type SoapGetMultipleLeadsResult,
  type SoapLeadRecord,
  type SoapSyncLeadResult,
  type SoapSyncMultipleLeadsResult,
  type SoapSyncStatus,
} from './soap-view.js';
export {
  type SoapLeadAttributeInput,
  type SoapLeadRecordInput,
  type SoapLeadToSyncOptions,
} from './soap-lead.js';
export { STANDARD_LEAD_FIELDS } from './standard-fields.js';
export type {
  Clock,
  GetLeadsByFilterTypeRequest,
  Lead,
  LeadField,
  LeadInput,
  LeadReadOptions,
  MarketoClientOptions,
  MarketoLogger,
  RestIssue,
  RestResponse,
  SyncAction,
  SyncLeadResult,
  SyncLeadsRequest,
} from './types.js';
export { CLIENT_VERSION } from './version.js';
export {
  ACTIVITY_LEAD_IDS_PER_CALL,
  ACTIVITY_TYPE_IDS_PER_CALL,
  type Activity,
  type ActivityType,
  type ActivityTypeAttribute,
  type GetLeadActivitiesRequest,
  type GetLeadChangesRequest,
  type LeadChange,
} from './activities.js';
export { ASSET_BATCH_SIZE, type FolderRef, type OffsetPage } from './assets.js';
export {
  CAMPAIGN_LEADS_PER_CALL,
  CAMPAIGN_MAX_TOKENS,
  type CampaignIdResult,
  type CampaignToken,
  type GetRequestableSmartCampaignsRequest,
  type GetSmartCampaignsRequest,
  type RequestCampaignRequest,
  type ScheduleCampaignRequest,
  type SmartCampaign,
} from './campaigns.js';
export type { LeadObjectField, LeadObjectMetadata, LeadPartition } from './lead-schema.js';
export {
  MERGE_LOSERS_PER_CALL,
  type MergeLeadsOptions,
  type SubmitFormRecord,
  type SubmitFormRequest,
  type SubmitFormResult,
} from './lead-writes.js';
export type {
  GetListsRequest,
  ListMemberResult,
  PagedLeadRead,
  ProgramMember,
  ProgramMembership,
  StaticList,
} from './lists.js';
