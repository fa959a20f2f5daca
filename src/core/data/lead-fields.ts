import { STANDARD_LEAD_FIELDS } from '../../client/standard-fields.js';

/** REST API name of each standard lead field by its SOAP API name. */
export const REST_NAME_BY_SOAP_NAME: ReadonlyMap<string, string> = new Map(
  STANDARD_LEAD_FIELDS.map((field) => [field.soap, field.rest]),
);
