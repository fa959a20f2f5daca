/**
 * SOAP-shaped views of Get Lead Activities and Get Lead Changes responses, in the node-soap JSON
 * of the WSDL 2_7 elements `successGetLeadActivity` and `successGetLeadChanges`. REST has no
 * campaign name, person name or foreign system ids in activities, so those elements are absent.
 */
import type { Activity, ActivityType, LeadChange } from './activities.js';
import type { LeadField, RestResponse } from './types.js';

/** An activity attribute. REST gives no `attrType`, so it is absent. */
export interface SoapActivityAttribute {
  attrName: string;
  attrValue: string;
}

export interface SoapActivityRecord {
  /** Absent where REST returns only `marketoGUID`, on instances moved to Activity Service. */
  id?: number;
  activityDateTime: string;
  /** The display name of the activity type, such as "Visit Webpage". */
  activityType: string;
  mktgAssetName?: string;
  activityAttributes: { attribute: SoapActivityAttribute[] };
  /** The lead id as text. */
  mktPersonId: string;
}

/**
 * `remainingCount` is 0 on the last page, else 1, because REST gives no count. SOAP's
 * `newStartPosition` has no REST form and is absent: continue with the response's
 * `nextPageToken`.
 */
export interface SoapGetLeadActivityResult {
  leadActivityList: {
    returnCount: number;
    remainingCount: number;
    activityRecordList: { activityRecord: SoapActivityRecord[] };
  };
}

export interface SoapGetLeadChangesResult {
  result: {
    returnCount: number;
    remainingCount: number;
    leadChangeRecordList: { leadChangeRecord: SoapActivityRecord[] };
  };
}

/** Client services that the activity views use. */
export interface ActivityViewContext {
  activityTypes(): Promise<ActivityType[]>;
  leadFields(): Promise<LeadField[]>;
}

/** Builds SOAP getLeadActivity's result from one page of Get Lead Activities. */
export async function toSoapGetLeadActivityResult(
  context: ActivityViewContext,
  response: RestResponse<Activity>,
): Promise<SoapGetLeadActivityResult> {
  const typeNames = await activityTypeNames(context, response.result);
  const activityRecord = response.result.map((activity) =>
    toActivityRecord(activity, typeNames, activity.primaryAttributeValue, []),
  );
  return {
    leadActivityList: {
      returnCount: activityRecord.length,
      remainingCount: response.moreResult === true ? 1 : 0,
      activityRecordList: { activityRecord },
    },
  };
}

/**
 * Builds SOAP getLeadChanges' result from one page of Get Lead Changes or Get Lead Activities.
 * A lead change gives one record per changed field, with the attributes "Attribute Name" (the
 * field's display name from Describe Lead), "Old Value" and "New Value" before the REST
 * attributes. The field's display name is also the record's `mktgAssetName`.
 * NOTE: one SOAP record per changed field is assumed from SOAP's "Change Data Value" example,
 * which carried one field.
 */
export async function toSoapGetLeadChangesResult(
  context: ActivityViewContext,
  response: RestResponse<LeadChange | Activity>,
): Promise<SoapGetLeadChangesResult> {
  const typeNames = await activityTypeNames(context, response.result);
  const changes = response.result.filter(
    (record): record is LeadChange => 'fields' in record && Array.isArray(record.fields),
  );
  const displayNames = new Map<string, string>();
  if (changes.some((change) => change.fields.length > 0)) {
    for (const field of await context.leadFields()) {
      if (field.rest !== undefined) displayNames.set(field.rest.name, field.displayName);
    }
  }

  const leadChangeRecord = response.result.flatMap((record) => {
    if (!('fields' in record) || !Array.isArray(record.fields) || record.fields.length === 0) {
      const asset = 'primaryAttributeValue' in record ? record.primaryAttributeValue : undefined;
      return [toActivityRecord(record, typeNames, asset, [])];
    }
    return record.fields.map((field) => {
      const name = displayNames.get(field.name) ?? field.name;
      const attributes: SoapActivityAttribute[] = [
        { attrName: 'Attribute Name', attrValue: name },
        { attrName: 'Old Value', attrValue: toText(field.oldValue) },
        { attrName: 'New Value', attrValue: toText(field.newValue) },
      ];
      return toActivityRecord(record, typeNames, name, attributes);
    });
  });
  return {
    result: {
      returnCount: leadChangeRecord.length,
      remainingCount: response.moreResult === true ? 1 : 0,
      leadChangeRecordList: { leadChangeRecord },
    },
  };
}

// Get Activity Types is read once per client, and only when the page has records.
async function activityTypeNames(
  context: ActivityViewContext,
  records: readonly { activityTypeId: number }[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (records.length === 0) return names;
  for (const type of await context.activityTypes()) names.set(type.id, type.name);
  return names;
}

function toActivityRecord(
  activity: Omit<Activity, 'primaryAttributeValue'>,
  typeNames: ReadonlyMap<number, string>,
  assetName: string | undefined,
  leading: readonly SoapActivityAttribute[],
): SoapActivityRecord {
  const attribute = [...leading];
  for (const entry of activity.attributes ?? []) {
    if (entry.value === undefined || entry.value === null) continue;
    attribute.push({ attrName: entry.name, attrValue: toText(entry.value) });
  }
  const record: SoapActivityRecord = {
    activityDateTime: activity.activityDate,
    // An id missing from Get Activity Types keeps its number, so that no value is lost.
    activityType: typeNames.get(activity.activityTypeId) ?? String(activity.activityTypeId),
    activityAttributes: { attribute },
    mktPersonId: String(activity.leadId),
  };
  if (activity.id !== undefined) record.id = activity.id;
  if (assetName !== undefined && assetName !== '') record.mktgAssetName = assetName;
  return record;
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
