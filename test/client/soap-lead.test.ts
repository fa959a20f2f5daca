import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MarketoConfigError,
  MarketoError,
  type SoapLeadRecordInput,
  type SyncLeadsRequest,
} from '../../src/client/index.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';

let server: FakeMarketoServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function syncBodies(): SyncLeadsRequest[] {
  return server.requests
    .filter((request) => request.operation === 'syncLeads')
    .map((request) => JSON.parse(request.body) as SyncLeadsRequest);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('syncLeads soapFields', () => {
  it('renames custom fields by Describe', async () => {
    const client = clientFor(server);
    const response = await client.syncLeads({
      input: [{ email: 'nia@example.com' }],
      soapFields: { Region__c: 'EMEA', FirstName: 'Nia' },
    });
    const record = { region: 'EMEA', firstName: 'Nia', email: 'nia@example.com' };
    expect(syncBodies()).toEqual([{ input: [record] }]);
    expect(server.model.callCount('describeLead')).toBe(1);
    const stored = server.model.leads.get(response.result[0]?.id ?? -1);
    expect(stored?.['region']).toBe('EMEA');
  });

  it('standard names need no Describe', async () => {
    const client = clientFor(server);
    await client.syncLeads({
      input: [{ email: 'nia@example.com' }],
      soapFields: { FirstName: 'Nia', DateofBirth: '1990-01-02' },
    });
    expect(syncBodies()[0]?.input).toEqual([
      { firstName: 'Nia', dateOfBirth: '1990-01-02', email: 'nia@example.com' },
    ]);
    expect(server.model.callCount('describeLead')).toBe(0);
  });

  it('input keys win over soapFields', async () => {
    const client = clientFor(server);
    await client.syncLeads({
      input: [{ email: 'nia@example.com', region: 'APAC' }],
      soapFields: { Region__c: 'EMEA', Email: 'other@example.com' },
    });
    expect(syncBodies()[0]?.input).toEqual([{ region: 'APAC', email: 'nia@example.com' }]);
  });

  it('soapFields is not sent to Marketo', async () => {
    const client = clientFor(server);
    await client.syncLeads({
      action: 'createOnly',
      input: [{ email: 'nia@example.com' }],
      soapFields: {},
    });
    expect(syncBodies()).toEqual([{ action: 'createOnly', input: [{ email: 'nia@example.com' }] }]);
  });

  it('unknown SOAP name rejects before syncing', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.syncLeads({ input: [{ email: 'a@example.com' }], soapFields: { Nope__c: 1 } }),
    );
    expect(failure).toBeInstanceOf(MarketoError);
    const error = failure as MarketoError;
    expect(error.code).toBe('FIELD_NOT_FOUND');
    expect(error.soapCode).toBe('20105');
    expect(error.operation).toBe('syncLeads');
    expect(error.message).toContain('"Nope__c"');
    expect(server.model.callCount('syncLeads')).toBe(0);
  });

  it('SOAP-only field rejects with its reason', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.syncLeads({ input: [{ email: 'a@example.com' }], soapFields: { SoapScore__c: 3 } }),
    );
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).message).toContain('no REST name');
    expect(server.model.callCount('syncLeads')).toBe(0);
  });

  it('several records reject with TypeError', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.syncLeads({
        input: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
        soapFields: { Region__c: 'EMEA' },
      }),
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toContain('input has 2');
    expect(server.requests).toHaveLength(0);
  });
});

describe('soapLeadToSyncRequest', () => {
  const attributes = {
    attribute: [
      { attrName: 'FirstName', attrType: 'string', attrValue: 'Nia' },
      { attrName: 'Region__c', attrValue: 'EMEA' },
    ],
  };

  it('Id gives updateOnly by id', async () => {
    const client = clientFor(server);
    const request = await client.soapLeadToSyncRequest(
      { Id: 1001, Email: 'nia@example.com', leadAttributeList: attributes },
      { partitionName: 'Europe' },
    );
    expect(request).toEqual({
      action: 'updateOnly',
      lookupField: 'id',
      input: [{ id: 1001, email: 'nia@example.com', firstName: 'Nia', region: 'EMEA' }],
    });
  });

  it('ForeignSysPersonId uses the configured field', async () => {
    const client = clientFor(server);
    const request = await client.soapLeadToSyncRequest(
      {
        ForeignSysPersonId: 'crm-7',
        ForeignSysType: 'CUSTOM',
        Email: 'nia@example.com',
        leadAttributeList: attributes,
      },
      { foreignSysPersonIdField: 'legacyCrmId', partitionName: 'Europe' },
    );
    expect(request).toEqual({
      action: 'createOrUpdate',
      lookupField: 'legacyCrmId',
      partitionName: 'Europe',
      input: [{ firstName: 'Nia', region: 'EMEA', email: 'nia@example.com', legacyCrmId: 'crm-7' }],
    });
  });

  it('ForeignSysPersonId without the field option throws', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.soapLeadToSyncRequest({ ForeignSysPersonId: 'crm-7', Email: 'a@example.com' }),
    );
    expect(failure).toBeInstanceOf(MarketoConfigError);
    expect((failure as Error).message).toContain('foreignSysPersonIdField');
  });

  it('Email alone gives createOrUpdate by email', async () => {
    const client = clientFor(server);
    const request = await client.soapLeadToSyncRequest({
      Email: 'nia@example.com',
      leadAttributeList: { attribute: { attrName: 'LastName', attrValue: 'Okafor' } },
    });
    expect(request).toEqual({
      action: 'createOrUpdate',
      lookupField: 'email',
      input: [{ lastName: 'Okafor', email: 'nia@example.com' }],
    });
    expect(server.model.callCount('describeLead')).toBe(0);
  });

  it('namespace prefixes are stripped', async () => {
    const client = clientFor(server);
    const record: SoapLeadRecordInput = {
      'ns1:Email': 'nia@example.com',
      'ns1:leadAttributeList': {
        'ns1:attribute': [{ 'ns1:attrName': 'Region__c', 'ns1:attrValue': 'EMEA' }],
      },
    };
    const request = await client.soapLeadToSyncRequest(record);
    expect(request.input).toEqual([{ region: 'EMEA', email: 'nia@example.com' }]);
  });

  it('values are kept as given', async () => {
    const client = clientFor(server);
    const request = await client.soapLeadToSyncRequest({
      Email: 'nia@example.com',
      leadAttributeList: {
        attribute: [
          { attrName: 'LeadScore', attrValue: '42' },
          { attrName: 'Unsubscribed', attrValue: false },
        ],
      },
    });
    expect(request.input[0]).toEqual({
      leadScore: '42',
      unsubscribed: false,
      email: 'nia@example.com',
    });
  });

  it('record without a key throws TypeError', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.soapLeadToSyncRequest({ Email: '', leadAttributeList: attributes }),
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toContain('no Id, Email or ForeignSysPersonId');
  });

  it('unknown record key throws TypeError', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.soapLeadToSyncRequest({ Email: 'a@example.com', FirstName: 'Nia' }),
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toContain('"FirstName"');
  });

  it('unknown attribute name throws FIELD_NOT_FOUND', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.soapLeadToSyncRequest({
        Email: 'a@example.com',
        leadAttributeList: { attribute: [{ attrName: 'Nope__c', attrValue: 'x' }] },
      }),
    );
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe('FIELD_NOT_FOUND');
    expect((failure as MarketoError).soapCode).toBe('20105');
  });

  it('result syncs against the fake server', async () => {
    server.model.addLead({ id: 1001, email: 'old@example.com' });
    const client = clientFor(server);
    const request = await client.soapLeadToSyncRequest({
      Id: 1001,
      Email: 'new@example.com',
      leadAttributeList: attributes,
    });
    const response = await client.syncLeads(request);
    expect(response.result).toEqual([{ id: 1001, status: 'updated' }]);
    expect(server.model.leads.get(1001)?.['region']).toBe('EMEA');
    expect(server.model.leads.get(1001)?.['email']).toBe('new@example.com');
  });
});
