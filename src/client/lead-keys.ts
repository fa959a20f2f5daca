import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';

/**
 * SOAP `LeadKeyRef` key types (WSDL 2_7) and the REST `filterType` of Get Leads by Filter Type
 * that replaces each. IDNUM also has its own endpoint, Get Lead by Id. LEADOWNEREMAIL is null
 * because Adobe's OpenAPI spec lists no filter type for it. The codemod reads this table too.
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

/**
 * Returns the REST `filterType` for a SOAP lead key type, such as `'email'` for `'EMAIL'`.
 * Throws a MarketoError with code `UNSUPPORTED_KEY_TYPE` for LEADOWNEREMAIL, which has no REST
 * filter type, and for a value that is not a SOAP key type. Key types are matched exactly, as
 * the SOAP schema's enumeration was.
 */
export function leadFilterType(keyType: string): string {
  const known = Object.hasOwn(FILTER_TYPE_BY_KEY_TYPE, keyType);
  const filterType = known ? FILTER_TYPE_BY_KEY_TYPE[keyType] : undefined;
  if (typeof filterType === 'string') return filterType;

  const message =
    filterType === null
      ? `Lead key type ${keyType} has no REST filter type, so a lookup by lead owner email ` +
        'cannot be sent. Look the lead up by another key, such as EMAIL or IDNUM.'
      : `Unknown lead key type ${JSON.stringify(keyType)}. Use one of ` +
        `${supportedKeyTypes().join(', ')}.`;
  throw new MarketoError(message, {
    code: CLIENT_ERROR_CODES.unsupportedKeyType,
    operation: 'leadFilterType',
  });
}

function supportedKeyTypes(): string[] {
  return Object.entries(FILTER_TYPE_BY_KEY_TYPE).flatMap(([keyType, filterType]) =>
    filterType === null ? [] : [keyType],
  );
}
