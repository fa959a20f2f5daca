/**
 * SOAP-shaped views of the object API responses that replace describeMObject, getMObjects,
 * syncMObjects, deleteMObjects, getCustomObjects, syncCustomObjects and deleteCustomObjects, in
 * the node-soap JSON of their WSDL 2_7 `success<Operation>` elements.
 */
import type { ActivityType } from './activities.js';
import type { CustomObject } from './custom-objects.js';
import type { ObjectMetadata, ObjectRecord, ObjectWriteResult } from './objects.js';
import type { Program } from './programs.js';
import type { LeadField, RestResponse } from './types.js';

/** The object names SOAP describeMObject took. */
export type SoapDescribableObject =
  'Opportunity' | 'OpportunityPersonRole' | 'LeadRecord' | 'ActivityRecord';

/** The MObject types that getMObjects, syncMObjects and deleteMObjects took. */
export type SoapMObjectType = 'Opportunity' | 'OpportunityPersonRole' | 'Program';

/**
 * One field of SOAP's MObject metadata. REST has no source for `isName`, `isDynamic`,
 * `dynamicFieldRef`, `sourceObject`, per-field `updatedAt`, `description` or `isCustom`.
 */
export interface SoapMObjectField {
  name: string;
  displayName?: string;
  dataType: string;
  size?: number;
  isReadonly: boolean;
  isUpdateBlocked: boolean;
  isPrimaryKey: boolean;
}

export interface SoapDescribeMObjectResult {
  result: {
    metadata: {
      name: string;
      description?: string;
      /** False: the four objects SOAP described are Marketo's own. */
      isCustom: boolean;
      updatedAt?: string;
      fieldList: { field: SoapMObjectField[] };
    };
  };
}

/** An `attrib` of an MObject, with the value as text. */
export interface SoapMObjectAttrib {
  name: string;
  value: string;
}

export interface SoapMObject {
  type: SoapMObjectType;
  /** Programs only. Opportunities and roles have no integer id in REST. */
  id?: number;
  externalKey?: SoapMObjectAttrib;
  createdAt?: string;
  updatedAt?: string;
  attribList: { attrib: SoapMObjectAttrib[] };
  /** Programs only: `Tag` entries with Type and Value, `Cost` entries with Month, Amount, Note. */
  typeAttribList?: { typeAttrib: SoapTypeAttrib[] };
}

export interface SoapTypeAttrib {
  attrType: 'Tag' | 'Cost';
  attrList: { attrib: SoapMObjectAttrib[] };
}

export interface SoapGetMObjectsResult {
  result: {
    returnCount: number;
    hasMore: boolean;
    /** The REST `nextPageToken`, which only REST calls accept. Absent on the last page. */
    newStreamPosition?: string;
    mObjectList: { mObject: SoapMObject[] };
  };
}

export type SoapObjectStatus = 'CREATED' | 'UPDATED' | 'DELETED' | 'FAILED';

export interface SoapMObjStatus {
  /** REST has no integer id, so the record's `marketoGUID` is the key. */
  externalKey?: SoapMObjectAttrib;
  status: SoapObjectStatus;
  error?: string;
}

export interface SoapMObjStatusResult {
  result: { mObjStatusList: { mObjStatus: SoapMObjStatus[] } };
}

export interface SoapCustomObjAttribute {
  attrName: string;
  attrValue: string;
}

export interface SoapCustomObj {
  customObjKeyList: { attribute: SoapCustomObjAttribute[] };
  customObjAttributeList: { attribute: SoapCustomObjAttribute[] };
}

export interface SoapGetCustomObjectsResult {
  result: {
    objTypeName: string;
    returnCount: number;
    /** 0 on the last page, else 1, because REST gives no count of the remaining records. */
    remainingCount: number;
    newStreamPosition?: string;
    customObjList: { customObj: SoapCustomObj[] };
  };
}

export interface SoapSyncCustomObjStatus {
  objTypeName: string;
  /** REST returns no key fields, so the key is the record's `marketoGUID` when it has one. */
  customObjKeyList: { attribute: SoapCustomObjAttribute[] };
  status: SoapObjectStatus;
  error?: string;
}

export interface SoapSyncCustomObjectsResult {
  result: { syncCustomObjStatusList: { syncCustomObjStatus: SoapSyncCustomObjStatus[] } };
}

export interface SoapDeleteCustomObjectsResult {
  result: { deleteCustomObjStatusList: { syncCustomObjStatus: SoapSyncCustomObjStatus[] } };
}

/** The REST response each describeMObject object name is built from. */
export type DescribeResponse =
  | { objectName: 'Opportunity' | 'OpportunityPersonRole'; response: RestResponse<ObjectMetadata> }
  | { objectName: 'LeadRecord'; response: RestResponse<LeadField> }
  | { objectName: 'ActivityRecord'; response: RestResponse<ActivityType> };

/**
 * Builds SOAP describeMObject's metadata. Opportunity and OpportunityPersonRole come from their
 * Describe, with `isPrimaryKey` for the `idField`. LeadRecord comes from Describe Lead with SOAP
 * names, leaving out the fields SOAP did not have. ActivityRecord, which REST cannot describe,
 * gets one read-only field per distinct attribute name of Get Activity Types.
 */
export function toSoapDescribeMObjectResult(
  described: DescribeResponse,
): SoapDescribeMObjectResult {
  const metadata: SoapDescribeMObjectResult['result']['metadata'] = {
    name: described.objectName,
    isCustom: false,
    fieldList: { field: [] },
  };
  if (described.objectName === 'LeadRecord') {
    metadata.fieldList.field = leadRecordFields(described.response.result);
  } else if (described.objectName === 'ActivityRecord') {
    metadata.fieldList.field = activityRecordFields(described.response.result);
  } else {
    const object = described.response.result[0];
    if (object?.description !== undefined) metadata.description = object.description;
    if (object?.updatedAt !== undefined) metadata.updatedAt = object.updatedAt;
    metadata.fieldList.field = (object?.fields ?? []).map((field) => {
      const blocked = field.updateable === false;
      const soapField: SoapMObjectField = {
        name: field.name,
        dataType: field.dataType,
        isReadonly: blocked,
        isUpdateBlocked: blocked,
        isPrimaryKey: field.name === object?.idField,
      };
      if (field.displayName !== undefined) soapField.displayName = field.displayName;
      if (field.length !== undefined) soapField.size = field.length;
      return soapField;
    });
  }
  return { result: { metadata } };
}

function leadRecordFields(fields: readonly LeadField[]): SoapMObjectField[] {
  return fields.flatMap((field) => {
    if (field.soap === undefined) return [];
    const soapField: SoapMObjectField = {
      name: field.soap.name,
      displayName: field.displayName,
      dataType: field.dataType,
      isReadonly: field.soap.readOnly,
      isUpdateBlocked: field.soap.readOnly,
      isPrimaryKey: field.rest?.name === 'id',
    };
    if (field.length !== undefined) soapField.size = field.length;
    return [soapField];
  });
}

function activityRecordFields(types: readonly ActivityType[]): SoapMObjectField[] {
  const byName = new Map<string, SoapMObjectField>();
  for (const type of types) {
    const attributes = [...(type.attributes ?? [])];
    if (type.primaryAttribute !== undefined) attributes.unshift(type.primaryAttribute);
    for (const attribute of attributes) {
      if (byName.has(attribute.name)) continue;
      byName.set(attribute.name, {
        name: attribute.name,
        displayName: attribute.name,
        dataType: attribute.dataType,
        isReadonly: true,
        isUpdateBlocked: true,
        isPrimaryKey: false,
      });
    }
  }
  return [...byName.values()];
}

/**
 * Builds SOAP getMObjects' result from one page of Get Opportunities, Get Opportunity Roles or
 * a Programs read. Every REST field except the key and the times becomes an `attrib` under its
 * REST name.
 * NOTE: SOAP named opportunity attributes such as `Name` and `Amount`. Only a few of their REST
 * names are documented, so the view does not rename them.
 */
export function toSoapGetMObjectsResult(
  response: RestResponse<ObjectRecord> | RestResponse<Program>,
  type: SoapMObjectType,
): SoapGetMObjectsResult {
  const records: readonly ObjectRecord[] = response.result;
  const mObject = records.map((record) =>
    type === 'Program' ? programMObject(record as Program) : objectMObject(record, type),
  );
  const token = response.nextPageToken;
  const hasMore = response.moreResult === true && typeof token === 'string' && token !== '';
  const result: SoapGetMObjectsResult['result'] = {
    returnCount: mObject.length,
    hasMore,
    mObjectList: { mObject },
  };
  if (hasMore) result.newStreamPosition = token;
  return { result };
}

const TIME_FIELDS = new Set(['createdAt', 'updatedAt']);

/** `seq`, the input index REST adds to object records, which SOAP never returned. */
const REST_ONLY_FIELDS = new Set(['seq']);

function objectMObject(record: ObjectRecord, type: SoapMObjectType): SoapMObject {
  const mObject: SoapMObject = { type, attribList: { attrib: [] } };
  setTimes(mObject, record);
  const external = record['externalOpportunityId'];
  if (type === 'Opportunity' && present(external)) {
    mObject.externalKey = { name: 'externalOpportunityId', value: toText(external) };
  }
  for (const [name, value] of Object.entries(record)) {
    if (TIME_FIELDS.has(name) || REST_ONLY_FIELDS.has(name) || !present(value)) continue;
    if (type === 'Opportunity' && name === 'externalOpportunityId') continue;
    mObject.attribList.attrib.push({ name, value: toText(value) });
  }
  return mObject;
}

const PROGRAM_LIST_FIELDS = new Set(['id', 'tags', 'costs', 'createdAt', 'updatedAt']);

function programMObject(program: Program): SoapMObject {
  const mObject: SoapMObject = {
    type: 'Program',
    id: program.id,
    attribList: { attrib: [] },
    typeAttribList: { typeAttrib: [] },
  };
  setTimes(mObject, program);
  for (const [name, value] of Object.entries(program)) {
    if (PROGRAM_LIST_FIELDS.has(name) || !present(value)) continue;
    mObject.attribList.attrib.push({ name, value: toText(value) });
  }
  const typeAttrib = mObject.typeAttribList?.typeAttrib ?? [];
  for (const tag of program.tags ?? []) {
    const attrib = [
      { name: 'Type', value: tag.tagType },
      { name: 'Value', value: tag.tagValue },
    ];
    typeAttrib.push({ attrType: 'Tag', attrList: { attrib } });
  }
  for (const cost of program.costs ?? []) {
    // SOAP gave the month of a cost, such as 2013-06, where REST gives its start date.
    const attrib = [
      { name: 'Month', value: cost.startDate.slice(0, 7) },
      { name: 'Amount', value: String(cost.cost) },
    ];
    if (present(cost.note)) attrib.push({ name: 'Note', value: String(cost.note) });
    typeAttrib.push({ attrType: 'Cost', attrList: { attrib } });
  }
  return mObject;
}

function setTimes(mObject: SoapMObject, record: ObjectRecord): void {
  if (typeof record['createdAt'] === 'string') mObject.createdAt = record['createdAt'];
  if (typeof record['updatedAt'] === 'string') mObject.updatedAt = record['updatedAt'];
}

/** SOAP status per REST object write status. SOAP had no "skipped" for these, only FAILED. */
const SOAP_OBJECT_STATUS = {
  created: 'CREATED',
  updated: 'UPDATED',
  deleted: 'DELETED',
  skipped: 'FAILED',
} as const satisfies Record<ObjectWriteResult['status'], SoapObjectStatus>;

/** Builds SOAP syncMObjects' or deleteMObjects' `mObjStatusList` from a sync or delete response. */
export function toSoapMObjStatusResult(
  response: RestResponse<ObjectWriteResult>,
): SoapMObjStatusResult {
  const mObjStatus = inInputOrder(response.result).map((record) => {
    const status: SoapMObjStatus = { status: SOAP_OBJECT_STATUS[record.status] };
    if (record.marketoGUID !== undefined) {
      status.externalKey = { name: 'marketoGUID', value: record.marketoGUID };
    }
    const error = firstReason(record);
    if (error !== undefined) status.error = error;
    return status;
  });
  return { result: { mObjStatusList: { mObjStatus } } };
}

/**
 * Builds SOAP getCustomObjects' result from one page of Get Custom Objects. The object's
 * Describe splits each flat REST record: its dedupe fields and link fields form
 * `customObjKeyList`, and every other field, `marketoGUID` included, `customObjAttributeList`.
 */
export function toSoapGetCustomObjectsResult(
  response: RestResponse<CustomObject>,
  apiName: string,
  metadata: ObjectMetadata | undefined,
): SoapGetCustomObjectsResult {
  const keyFields = new Set([
    ...(metadata?.dedupeFields ?? []),
    ...(metadata?.relationships ?? []).map((relationship) => relationship.field),
  ]);
  const customObj = response.result.map((record) => {
    const entry: SoapCustomObj = {
      customObjKeyList: { attribute: [] },
      customObjAttributeList: { attribute: [] },
    };
    for (const [attrName, value] of Object.entries(record)) {
      if (!present(value) || REST_ONLY_FIELDS.has(attrName)) continue;
      const list = keyFields.has(attrName) ? entry.customObjKeyList : entry.customObjAttributeList;
      list.attribute.push({ attrName, attrValue: toText(value) });
    }
    return entry;
  });
  const token = response.nextPageToken;
  const more = typeof token === 'string' && token !== '' && response.moreResult !== false;
  const result: SoapGetCustomObjectsResult['result'] = {
    objTypeName: apiName,
    returnCount: customObj.length,
    remainingCount: more ? 1 : 0,
    customObjList: { customObj },
  };
  if (more) result.newStreamPosition = token;
  return { result };
}

/** Builds SOAP syncCustomObjects' result from a Sync Custom Objects response. */
export function toSoapSyncCustomObjectsResult(
  response: RestResponse<ObjectWriteResult>,
  apiName: string,
): SoapSyncCustomObjectsResult {
  const syncCustomObjStatus = customObjectStatuses(response, apiName);
  return { result: { syncCustomObjStatusList: { syncCustomObjStatus } } };
}

/** Builds SOAP deleteCustomObjects' result from a Delete Custom Objects response. */
export function toSoapDeleteCustomObjectsResult(
  response: RestResponse<ObjectWriteResult>,
  apiName: string,
): SoapDeleteCustomObjectsResult {
  const syncCustomObjStatus = customObjectStatuses(response, apiName);
  return { result: { deleteCustomObjStatusList: { syncCustomObjStatus } } };
}

function customObjectStatuses(
  response: RestResponse<ObjectWriteResult>,
  apiName: string,
): SoapSyncCustomObjStatus[] {
  return inInputOrder(response.result).map((record) => {
    const attribute: SoapCustomObjAttribute[] = [];
    if (record.marketoGUID !== undefined) {
      attribute.push({ attrName: 'marketoGUID', attrValue: record.marketoGUID });
    }
    const status: SoapSyncCustomObjStatus = {
      objTypeName: apiName,
      customObjKeyList: { attribute },
      status: SOAP_OBJECT_STATUS[record.status],
    };
    const error = firstReason(record);
    if (error !== undefined) status.error = error;
    return status;
  });
}

// Object APIs return `seq`, the input index. The client joins split calls in input order, but a
// response built elsewhere may not be.
function inInputOrder(records: readonly ObjectWriteResult[]): ObjectWriteResult[] {
  return [...records].sort((a, b) => a.seq - b.seq);
}

function firstReason(record: ObjectWriteResult): string | undefined {
  const reason = record.reasons?.[0];
  if (record.status !== 'skipped' || reason === undefined) return undefined;
  return `${reason.code} - ${reason.message}`;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}
