import { describe, expect, it } from 'vitest';
import { MarketoError, requireLeadFound, SOAP_CODE_BY_REST_CODE } from '../../src/client/index.js';

describe('requireLeadFound', () => {
  it('throws 20103 on an empty result', () => {
    const empty = { requestId: 'r1', success: true, result: [] };
    let thrown: unknown;
    try {
      requireLeadFound(empty);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MarketoError);
    expect((thrown as MarketoError).soapCode).toBe('20103');
    expect((thrown as MarketoError).message).toBe('Lead Not Found');
    expect((thrown as MarketoError).requestId).toBe('r1');
  });

  it('returns a response with leads', () => {
    const found = { requestId: 'r2', success: true, result: [{ id: 7 }] };
    expect(requireLeadFound(found)).toBe(found);
  });
});

describe('MarketoError', () => {
  it('fills soapCode from the REST code', () => {
    const cases: [string, string | undefined][] = [
      ['601', '20014'],
      ['602', '20014'],
      ['606', '20023'],
      ['607', '20015'],
      ['615', '20024'],
      ['1004', '20103'],
      ['1006', '20105'],
      ['603', undefined],
    ];
    for (const [code, soapCode] of cases) {
      expect(new MarketoError('failed', { code }).soapCode, code).toBe(soapCode);
    }
    expect(Object.keys(SOAP_CODE_BY_REST_CODE)).toHaveLength(7);
  });

  it('keeps an explicit soapCode', () => {
    const error = new MarketoError('failed', { code: 'LEAD_NOT_FOUND', soapCode: '20103' });
    expect(error.soapCode).toBe('20103');
    expect(error.name).toBe('MarketoError');
    expect(error).toBeInstanceOf(Error);
  });
});
