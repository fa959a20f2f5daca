/** The 23 operations of the Marketo SOAP API (mktows), as WSDL 2_7 spells them. */
export const SOAP_OPERATIONS = [
  'getLead',
  'getMultipleLeads',
  'syncLead',
  'syncMultipleLeads',
  'mergeLeads',
  'getLeadActivity',
  'getLeadChanges',
  'listOperation',
  'importToList',
  'getImportToListStatus',
  'requestCampaign',
  'scheduleCampaign',
  'getCampaignsForSource',
  'getMObjects',
  'syncMObjects',
  'deleteMObjects',
  'describeMObject',
  'listMObjects',
  'getChannels',
  'getTags',
  'getCustomObjects',
  'syncCustomObjects',
  'deleteCustomObjects',
] as const;

export type SoapOperation = (typeof SOAP_OPERATIONS)[number];

const OPERATION_SET: ReadonlySet<string> = new Set(SOAP_OPERATIONS);

export function isSoapOperation(name: string): name is SoapOperation {
  return OPERATION_SET.has(name);
}

/** The service and port that `client.<Service>.<Port>.<op>()` walks, from the WSDL. */
export const SOAP_SERVICE = 'MktMktowsApiService';
export const SOAP_PORT = 'MktowsApiSoapPort';

/**
 * Splits a method name into its operation and whether it is node-soap's promise form
 * (`getLeadAsync`). Returns null for names that are not SOAP operations.
 */
export function parseOperationName(
  name: string,
): { operation: SoapOperation; async: boolean } | null {
  if (isSoapOperation(name)) return { operation: name, async: false };
  if (name.endsWith('Async')) {
    const base = name.slice(0, -'Async'.length);
    if (isSoapOperation(base)) return { operation: base, async: true };
  }
  return null;
}

/**
 * Argument keys that only Marketo SOAP requests use. A call on an untraced receiver whose
 * arguments have one of these keys is treated as a SOAP call.
 */
export const SOAP_ARGUMENT_KEYS: ReadonlySet<string> = new Set([
  'leadKey',
  'leadRecord',
  'leadRecordList',
  'leadSelector',
  'returnLead',
  'marketoCookie',
  'streamPosition',
  'startPosition',
  'activityFilter',
  'activityNameFilter',
  'listKey',
  'listMemberList',
  'winningLeadKeyList',
  'losingLeadKeyLists',
  'campaignName',
  'programName',
  'programTokenList',
  'mObjectList',
  'mObjCriteriaList',
  'objTypeName',
  'customObjKeyLists',
  'customObjAttribList',
  'importFileHeader',
  'importFileRows',
  'dedupEnabled',
]);

/** Packages whose clients speak SOAP to Marketo. */
export const SOAP_PACKAGES: ReadonlySet<string> = new Set([
  'soap',
  'strong-soap',
  'node-marketo-soap',
]);

/** Factory functions of those packages, and whether they take a callback or return a promise. */
export const SOAP_FACTORIES: Readonly<Record<string, 'callback' | 'promise'>> = {
  createClient: 'callback',
  createClientAsync: 'promise',
  createMarketoClient: 'callback',
};
