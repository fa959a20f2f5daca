import { describe, expect, it } from 'vitest';
import {
  CLIENT_ERROR_CODES,
  FILTER_TYPE_BY_KEY_TYPE,
  leadFilterType,
  MarketoError,
} from '../../src/client/index.js';

/** SOAP LeadKeyRef values and the REST filterType of each, restated from Adobe's docs. */
const EXPECTED_FILTER_TYPES: [string, string][] = [
  ['IDNUM', 'id'],
  ['EMAIL', 'email'],
  ['COOKIE', 'cookies'],
  ['SFDCLEADID', 'sfdcLeadId'],
  ['SFDCCONTACTID', 'sfdcContactId'],
  ['SFDCACCOUNTID', 'sfdcAccountId'],
  ['SFDCLEADOWNERID', 'sfdcLeadOwnerId'],
  ['SFDCOPPTYID', 'sfdcOpptyId'],
];

function thrownBy(action: () => unknown): MarketoError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MarketoError);
  return thrown as MarketoError;
}

describe('leadFilterType', () => {
  for (const [keyType, filterType] of EXPECTED_FILTER_TYPES) {
    it(`maps ${keyType}`, () => {
      expect(leadFilterType(keyType)).toBe(filterType);
      expect(FILTER_TYPE_BY_KEY_TYPE[keyType]).toBe(filterType);
    });
  }

  it('table has every LeadKeyRef value', () => {
    const keyTypes = [...EXPECTED_FILTER_TYPES.map(([keyType]) => keyType), 'LEADOWNEREMAIL'];
    expect(Object.keys(FILTER_TYPE_BY_KEY_TYPE).sort()).toEqual(keyTypes.sort());
    expect(FILTER_TYPE_BY_KEY_TYPE['LEADOWNEREMAIL']).toBeNull();
  });

  it('rejects LEADOWNEREMAIL', () => {
    const error = thrownBy(() => leadFilterType('LEADOWNEREMAIL'));
    expect(error.code).toBe(CLIENT_ERROR_CODES.unsupportedKeyType);
    expect(error.code).toBe('UNSUPPORTED_KEY_TYPE');
    expect(error.message).toContain('LEADOWNEREMAIL');
    expect(error.message).toContain('EMAIL or IDNUM');
  });

  for (const keyType of ['email', 'NOSUCHKEY', '', 'toString', '__proto__']) {
    it(`rejects unknown key type ${JSON.stringify(keyType)}`, () => {
      const error = thrownBy(() => leadFilterType(keyType));
      expect(error.code).toBe('UNSUPPORTED_KEY_TYPE');
      expect(error.message).toContain(JSON.stringify(keyType));
      expect(error.message).toContain('IDNUM, EMAIL, COOKIE');
    });
  }
});
