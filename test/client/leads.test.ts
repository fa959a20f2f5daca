import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketoError, type RestResponse, type SyncLeadResult } from '../../src/client/index.js';
import { BASE_LEAD_FIELDS, field, type FakeLeadField } from '../fake-marketo/model.js';
import type { FakeMarketoServer, RecordedRequest } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';
import {
  ASSOCIATE_LEAD,
  COOKIE,
  DESCRIBE_LEAD,
  GET_LEAD_BY_ID,
  GET_LEAD_BY_ID_DEFAULT_FIELDS,
  GET_LEADS_BY_FILTER_TYPE,
  LEAD_ID,
  METHOD_OVERRIDE,
  SYNC_LEADS,
  SYNC_LEADS_BODY,
  type ExpectedRequest,
} from './request-shapes.js';

let server: FakeMarketoServer;

const ADA = { id: LEAD_ID, email: 'ada@example.com', firstName: 'Ada', customerTier: 'gold' };

afterEach(async () => {
  await server.close();
});

/** Returns the recorded API requests, without token requests. */
function apiRequests(): RecordedRequest[] {
  return server.requests.filter((request) => !request.path.endsWith('/oauth/token'));
}

function expectRequest(actual: RecordedRequest | undefined, expected: ExpectedRequest): void {
  expect(actual).toBeDefined();
  expect(actual?.method).toBe(expected.method);
  expect(actual?.path).toBe(expected.path);
  expect(actual?.query).toEqual(expected.query);
  expect(actual?.headers['content-type']).toBe(expected.contentType);
  if (expected.json !== undefined) expect(JSON.parse(actual?.body ?? '')).toEqual(expected.json);
}

describe('lead methods', () => {
  beforeEach(async () => {
    server = await startServer();
    server.model.addLead(ADA);
    server.model.addLead({ email: 'grace@example.com', firstName: 'Grace', company: 'Navy' });
  });

  it('getLeadById sends path and fields', async () => {
    const client = clientFor(server);
    const fields = ['email', 'firstName', 'customerTier'];
    const response = await client.getLeadById(LEAD_ID, { fields });
    expectRequest(apiRequests()[0], GET_LEAD_BY_ID);
    expect(response.success).toBe(true);
    expect(response.requestId).not.toBe('');
    expect(response.result).toEqual([ADA]);
  });

  it('getLeadById without fields sends no query', async () => {
    const client = clientFor(server);
    await client.getLeadById(String(LEAD_ID));
    expectRequest(apiRequests()[0], GET_LEAD_BY_ID_DEFAULT_FIELDS);
  });

  it('getLeadById of a missing lead returns an empty result', async () => {
    const client = clientFor(server);
    const response = await client.getLeadById(999_999);
    expect(response.success).toBe(true);
    expect(response.result).toEqual([]);
  });

  it('getLeadById rejects an invalid id before any call', async () => {
    const client = clientFor(server);
    await expect(client.getLeadById('12; DROP')).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it('getLeadsByFilterType sends filter query', async () => {
    const client = clientFor(server);
    const response = await client.getLeadsByFilterType({
      filterType: 'email',
      filterValues: ['ada@example.com', 'grace@example.com'],
      fields: ['email', 'company'],
      batchSize: 2,
    });
    expectRequest(apiRequests()[0], GET_LEADS_BY_FILTER_TYPE);
    const emails = response.result.map((lead) => lead['email']);
    expect(emails).toEqual(['ada@example.com', 'grace@example.com']);
    expect(response.moreResult).toBe(false);
  });

  it('syncLeads posts the JSON body', async () => {
    const client = clientFor(server);
    const response = await client.syncLeads({
      action: 'createOrUpdate',
      lookupField: 'email',
      partitionName: 'Default',
      input: SYNC_LEADS_BODY.input,
    });
    expectRequest(apiRequests()[0], SYNC_LEADS);
    expect(response.result).toHaveLength(1);
    expect(response.result[0]?.status).toBe('created');
    const created = server.model.leads.get(response.result[0]?.id ?? -1);
    expect(created?.['firstName']).toBe('Nia');
  });

  it('syncLeads returns skipped records instead of throwing', async () => {
    const client = clientFor(server);
    const response = await client.syncLeads({
      action: 'createOnly',
      input: [{ email: 'ada@example.com' }, { email: 'fresh@example.com' }],
    });
    expect(response.success).toBe(true);
    expect(response.result[0]).toEqual({
      status: 'skipped',
      reasons: [{ code: '1005', message: 'Lead already exists' }],
    });
    expect(response.result[1]?.status).toBe('created');
  });

  it('associateLead rejects a bad id asynchronously', async () => {
    const client = clientFor(server);
    const pending = client.associateLead(0, COOKIE);
    await expect(pending).rejects.toThrow(/invalid lead id 0/);
    expect(server.requests).toHaveLength(0);
  });

  it('associateLead sends the cookie in the query', async () => {
    const client = clientFor(server);
    const response = await client.associateLead(LEAD_ID, COOKIE);
    expectRequest(apiRequests()[0], ASSOCIATE_LEAD);
    expect(response.success).toBe(true);
    expect(server.model.cookies.get(COOKIE)).toBe(LEAD_ID);
  });

  it('describeLead returns fields with SOAP names', async () => {
    const client = clientFor(server);
    const response = await client.describeLead();
    expectRequest(apiRequests()[0], DESCRIBE_LEAD);
    const tier = response.result.find((described) => described.rest?.name === 'customerTier');
    expect(tier?.soap?.name).toBe('Customer_Tier__c');
  });

  it('leadFields reads Describe once per client', async () => {
    const client = clientFor(server);
    const [first, second] = await Promise.all([client.leadFields(), client.leadFields()]);
    const third = await client.leadFields();
    expect(first).toBe(second);
    expect(third).toBe(first);
    expect(server.model.callCount('describeLead')).toBe(1);
  });

  it('allFields asks for every REST field name', async () => {
    const client = clientFor(server);
    await client.getLeadById(LEAD_ID, { allFields: true });
    const read = apiRequests().find((request) => request.operation === 'getLeadById');
    const expected = BASE_LEAD_FIELDS.flatMap((described) =>
      described.rest ? [described.rest.name] : [],
    );
    expect(read?.method).toBe('GET');
    expect(read?.query['fields']?.split(',')).toEqual(expected);
  });

  it('request error becomes a MarketoError', async () => {
    const client = clientFor(server);
    const failure = await client
      .getLeadById(LEAD_ID, { fields: ['noSuchField'] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    const error = failure as MarketoError;
    expect(error.code).toBe('1006');
    expect(error.soapCode).toBe('20105');
    expect(error.operation).toBe('getLeadById');
    expect(error.path).toBe(`/rest/v1/lead/${LEAD_ID}.json`);
    expect(error.httpStatus).toBe(200);
    expect(error.requestId).toMatch(/#/);
    expect(error.mayHaveRun).toBeUndefined();
    expect(error.message).toContain("1006 Field 'noSuchField' not found");
    expect(error.message).toContain(error.requestId);
  });
});

describe('long URLs', () => {
  // Enough custom fields that their names alone pass 8 KB.
  const manyFields: FakeLeadField[] = [
    ...BASE_LEAD_FIELDS,
    ...Array.from({ length: 400 }, (_, index) =>
      field(
        100 + index,
        `Custom ${index}`,
        'string',
        `customAttributeNumber${index}`,
        `Custom_${index}__c`,
      ),
    ),
  ];

  beforeEach(async () => {
    server = await startServer({ modelOptions: { fields: manyFields } });
    server.model.addLead({
      id: LEAD_ID,
      email: 'ada@example.com',
      customAttributeNumber399: 'last',
    });
  });

  it('fake server rejects a long GET with 414', async () => {
    const fields = manyFields.map((described) => described.rest?.name).join(',');
    const response = await fetch(`${server.url}/rest/v1/lead/${LEAD_ID}.json?fields=${fields}`);
    expect(response.status).toBe(414);
  });

  it('allFields over 8 KB uses POST _method=GET', async () => {
    const client = clientFor(server);
    const response = await client.getLeadById(LEAD_ID, { allFields: true });
    const read = apiRequests().find((request) => request.operation === 'getLeadById');
    expect(read?.method).toBe(METHOD_OVERRIDE.method);
    expect(read?.path).toBe(`/rest/v1/lead/${LEAD_ID}.json`);
    expect(read?.query).toEqual(METHOD_OVERRIDE.query);
    expect(read?.headers['content-type']).toBe(METHOD_OVERRIDE.contentType);
    const form = new URLSearchParams(read?.body);
    const restNames = manyFields.filter((described) => described.rest !== undefined);
    expect(form.get('fields')?.split(',')).toHaveLength(restNames.length);
    expect(response.result[0]?.['customAttributeNumber399']).toBe('last');
  });

  it('filter read over 8 KB uses POST _method=GET', async () => {
    const client = clientFor(server);
    const values = Array.from(
      { length: 299 },
      (_, index) => `someone.with.a.long.address.${index}@example.com`,
    );
    values.push('ada@example.com');
    const response = await client.getLeadsByFilterType({
      filterType: 'email',
      filterValues: values,
    });
    const read = apiRequests()[0];
    expect(read?.method).toBe('POST');
    expect(read?.query).toEqual({ _method: 'GET' });
    expect(new URLSearchParams(read?.body).get('filterType')).toBe('email');
    expect(response.result.map((lead) => lead.id)).toEqual([LEAD_ID]);
  });
});

describe('batches and pages', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  it('syncLeads splits 650 records into 3 calls', async () => {
    const client = clientFor(server);
    const input = Array.from({ length: 650 }, (_, index) => ({
      email: `lead${index}@example.com`,
    }));
    const response = await client.syncLeads({ input });
    const bodies = apiRequests().map((request) => JSON.parse(request.body) as { input: unknown[] });
    expect(bodies.map((body) => body.input.length)).toEqual([300, 300, 50]);
    expect(response.result).toHaveLength(650);
    expect(response.requestId.split(',')).toHaveLength(3);
    const emails = response.result.map(
      (record) => server.model.leads.get(record.id ?? -1)?.['email'],
    );
    expect(emails).toEqual(input.map((record) => record.email));
  });

  it('filter over 300 values joins batches in order', async () => {
    const client = clientFor(server);
    const emails = Array.from({ length: 650 }, (_, index) => `lead${index}@example.com`);
    for (const email of emails) server.model.addLead({ email });
    const response = await client.getLeadsByFilterType({
      filterType: 'email',
      filterValues: emails,
      batchSize: 200,
    });
    expect(response.result.map((lead) => lead['email'])).toEqual(emails);
    // 300 values in pages of 200 take 2 calls, and the last 50 take 1.
    expect(server.model.callCount('getLeadsByFilterType')).toBe(5);
    expect(response.moreResult).toBeUndefined();
  });

  it('filter over 300 values rejects nextPageToken', async () => {
    const client = clientFor(server);
    const values = Array.from({ length: 301 }, (_, index) => index);
    await expect(
      client.getLeadsByFilterType({ filterType: 'id', filterValues: values, nextPageToken: 'abc' }),
    ).rejects.toThrow(/nextPageToken/);
  });

  it('iterateLeadsByFilterType follows nextPageToken', async () => {
    const client = clientFor(server);
    for (let index = 0; index < 5; index += 1) {
      server.model.addLead({ email: 'shared@example.com', firstName: `n${index}` });
    }
    const names: unknown[] = [];
    for await (const lead of client.iterateLeadsByFilterType({
      filterType: 'email',
      filterValues: ['shared@example.com'],
      fields: ['firstName'],
      batchSize: 2,
    })) {
      names.push(lead['firstName']);
    }
    expect(names).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    const tokens = apiRequests().map((request) => request.query['nextPageToken']);
    expect(tokens[0]).toBeUndefined();
    expect(tokens[1]).toBeDefined();
    expect(tokens).toHaveLength(3);
  });
});

describe('associateSyncedLead', () => {
  beforeEach(async () => {
    server = await startServer();
    server.model.addLead({ id: LEAD_ID, email: 'ada@example.com' });
  });

  const created = synced({ id: LEAD_ID, status: 'created' });
  const updated = synced({ id: LEAD_ID, status: 'updated' });
  const skipped = synced({
    status: 'skipped',
    reasons: [{ code: '1004', message: 'Lead not found' }],
  });

  const cases: {
    name: string;
    response: RestResponse<SyncLeadResult>;
    cookie: string | null | undefined;
    associates: boolean;
  }[] = [
    { name: 'created with cookie', response: created, cookie: COOKIE, associates: true },
    { name: 'updated with cookie', response: updated, cookie: COOKIE, associates: true },
    { name: 'skipped with cookie', response: skipped, cookie: COOKIE, associates: false },
    { name: 'created, empty cookie', response: created, cookie: '', associates: false },
    { name: 'created, null cookie', response: created, cookie: null, associates: false },
    { name: 'created, no cookie', response: created, cookie: undefined, associates: false },
  ];

  for (const testCase of cases) {
    it(`associates only when due: ${testCase.name}`, async () => {
      const client = clientFor(server);
      const returned = await client.associateSyncedLead(testCase.response, testCase.cookie);
      expect(returned).toBe(testCase.response);
      expect(server.model.callCount('associateLead')).toBe(testCase.associates ? 1 : 0);
    });
  }
});

function synced(record: SyncLeadResult): RestResponse<SyncLeadResult> {
  return { requestId: 'sync#1', success: true, result: [record] };
}
