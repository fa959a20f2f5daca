/**
 * Matching of SOAP activity type names to the REST activity type ids of an instance. SOAP named
 * a type by its ActivityType enum value (`VisitWebpage`) or its display name ("Visit Webpage"),
 * and REST by the integer id that Get Activity Types lists with the display name.
 */
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import type { ActivityType } from './activities.js';

/**
 * Display names of SOAP ActivityType enum values that do not spell their REST type name.
 * NOTE: these pairings are guesses from the names, not documented. Check them against Get
 * Activity Types of the instance.
 */
export const ACTIVITY_NAME_BY_SOAP_ENUM: Readonly<Record<string, string>> = {
  NewSFDCOpprtnty: 'New SFDC Opportunity',
  AddtoSFDCCampaign: 'Add to SFDC Campaign',
  PushLeadToSales: 'Sync Lead to SFDC',
  PushLeadUpdatesToSales: 'Sync Lead Updates to SFDC',
  DeleteLeadFromSales: 'Delete Lead from SFDC',
  AssocWithOpprtntyInSales: 'Add to Opportunity',
  DissocFromOpprtntyInSales: 'Remove from Opportunity',
  UpdateOpprtntyInSales: 'Update Opportunity',
  EnrichWithDatacom: 'Enrich with Data.com',
};

/**
 * Returns the id of each SOAP activity type name, in name order without repeats. A name
 * matches a type whose name equals it ignoring case, spaces and punctuation, so `VisitWebpage`
 * and "Visit Webpage" both match "Visit Webpage". Throws MarketoError
 * `ACTIVITY_TYPE_NOT_FOUND` (soapCode `'20107'`) naming every name that matches no type of the
 * instance.
 */
export function matchActivityTypeIds(
  types: readonly ActivityType[],
  names: readonly string[],
): number[] {
  const operation = 'resolveActivityTypeIds';
  if (!Array.isArray(names) || names.length === 0) {
    throw new TypeError(`${operation}: names must contain at least one activity type name.`);
  }
  const idByKey = new Map<string, number>();
  for (const type of types) {
    const key = matchKey(type.name);
    if (!idByKey.has(key)) idByKey.set(key, type.id);
  }

  const missing: string[] = [];
  const ids = names.map((name, index) => {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TypeError(`${operation}: names[${index}] must be a non-empty string.`);
    }
    const id = idByKey.get(matchKey(ACTIVITY_NAME_BY_SOAP_ENUM[name] ?? name));
    if (id === undefined) missing.push(name);
    return id ?? 0;
  });
  if (missing.length > 0) {
    throw new MarketoError(
      `Marketo ${operation} failed: no activity type of this instance matches ` +
        `${missing.map((name) => JSON.stringify(name)).join(', ')}. Check the names against ` +
        'getActivityTypes(), whose types differ per subscription.',
      { code: CLIENT_ERROR_CODES.activityTypeNotFound, soapCode: '20107', operation },
    );
  }
  return [...new Set(ids)];
}

function matchKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
