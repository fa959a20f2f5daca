/**
 * SOAP `LeadKeyRef` key types and the REST `filterType` of Get Leads by Filter Type that
 * replaces each. IDNUM also has its own endpoint, Get Lead by Id. LEADOWNEREMAIL is not a
 * filter type in Adobe's OpenAPI spec, so lookups by it cannot be converted.
 */
export const FILTER_TYPE_BY_KEY_TYPE: Readonly<Record<string, string | null>> = {
  IDNUM: 'id',
  EMAIL: 'email',
  COOKIE: 'cookies',
  SFDCLEADID: 'sfdcLeadId',
  SFDCCONTACTID: 'sfdcContactId',
  SFDCACCOUNTID: 'sfdcAccountId',
  SFDCLEADOWNERID: 'sfdcLeadOwnerId',
  SFDCOPPTYID: 'sfdcOpptyId',
  LEADOWNEREMAIL: null,
};
