import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketoError } from '../../src/client/index.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';

let server: FakeMarketoServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function requestsOf(operation: string) {
  return server.requests.filter((request) => request.operation === operation);
}

describe('opportunities', () => {
  it('sync 301 records keeps input order in seq', async () => {
    const client = clientFor(server);
    const input = Array.from({ length: 301 }, (_, index) => ({
      externalOpportunityId: `OPP-${index}`,
      name: `Deal ${index}`,
    }));
    const response = await client.syncOpportunities({ action: 'createOrUpdate', input });
    const bodies = requestsOf('syncOpportunities').map(
      (request) => JSON.parse(request.body) as { action: string; input: unknown[] },
    );
    expect(bodies.map((body) => body.input.length)).toEqual([300, 1]);
    expect(bodies[0]?.action).toBe('createOrUpdate');
    expect(response.result.map((entry) => entry.seq)).toEqual(input.map((_, index) => index));
    expect(response.result.every((entry) => entry.status === 'created')).toBe(true);
  });

  it('get by filter type and delete by dedupe field', async () => {
    const client = clientFor(server);
    await client.syncOpportunities({ input: [{ externalOpportunityId: 'OPP-1', name: 'One' }] });
    const found = await client.getOpportunities({
      filterType: 'externalOpportunityId',
      filterValues: ['OPP-1', 'OPP-2'],
      fields: ['externalOpportunityId', 'name'],
    });
    expect(requestsOf('getOpportunities')[0]?.query).toEqual({
      filterType: 'externalOpportunityId',
      filterValues: 'OPP-1,OPP-2',
      fields: 'externalOpportunityId,name',
    });
    expect(found.result).toEqual([{ seq: 0, externalOpportunityId: 'OPP-1', name: 'One' }]);
    const deleted = await client.deleteOpportunities({
      deleteBy: 'dedupeFields',
      input: [{ externalOpportunityId: 'OPP-1' }, { externalOpportunityId: 'OPP-9' }],
    });
    expect(deleted.result.map((entry) => entry.status)).toEqual(['deleted', 'skipped']);
    expect(server.model.objects.type('opportunity').records.size).toBe(0);
  });

  it('sync is not repeated after a 604', async () => {
    server.injectFault({
      kind: 'restError',
      code: '604',
      operation: 'syncOpportunities',
      after: true,
    });
    const client = clientFor(server);
    const failure = await client
      .syncOpportunities({ input: [{ externalOpportunityId: 'OPP-1', name: 'One' }] })
      .catch((error: unknown) => error);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(requestsOf('syncOpportunities')).toHaveLength(1);
  });

  it('describe returns the dedupe fields', async () => {
    const client = clientFor(server);
    const response = await client.describeOpportunity();
    expect(response.result[0]?.dedupeFields).toEqual(['externalOpportunityId']);
    expect(requestsOf('describeOpportunity')[0]?.path).toBe('/rest/v1/opportunities/describe.json');
  });

  it('rejects idField with createOrUpdate before any call', async () => {
    const client = clientFor(server);
    await expect(
      client.syncOpportunities({ dedupeBy: 'idField', input: [{ marketoGUID: 'g' }] }),
    ).rejects.toThrow(/idField works only with action updateOnly/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('opportunity roles', () => {
  it('compound key read goes as POST with _method=GET', async () => {
    const client = clientFor(server);
    const role = { externalOpportunityId: 'OPP-1', leadId: 1001, role: 'Buyer' };
    await client.syncOpportunityRoles({ input: [role] });
    const iterated: unknown[] = [];
    for await (const record of client.iterateOpportunityRoles({
      filterType: 'dedupeFields',
      input: [role],
      fields: ['externalOpportunityId', 'leadId', 'role'],
    })) {
      iterated.push(record);
    }
    expect(iterated).toEqual([{ seq: 0, ...role }]);
    const request = requestsOf('getOpportunityRoles')[0];
    expect(request?.method).toBe('POST');
    expect(request?.query).toEqual({ _method: 'GET' });
    expect(JSON.parse(request?.body ?? '')).toEqual({
      filterType: 'dedupeFields',
      input: [role],
      fields: ['externalOpportunityId', 'leadId', 'role'],
    });
  });

  it('get by leadId pages with nextPageToken', async () => {
    const client = clientFor(server);
    const input = [1, 2, 3].map((index) => ({
      externalOpportunityId: `OPP-${index}`,
      leadId: 1001,
      role: 'Buyer',
    }));
    await client.syncOpportunityRoles({ input });
    const ids: unknown[] = [];
    for await (const record of client.iterateOpportunityRoles({
      filterType: 'leadId',
      filterValues: [1001],
      fields: ['externalOpportunityId'],
      batchSize: 2,
    })) {
      ids.push(record['externalOpportunityId']);
    }
    expect(ids).toEqual(['OPP-1', 'OPP-2', 'OPP-3']);
    expect(requestsOf('getOpportunityRoles')).toHaveLength(2);
    const deleted = await client.deleteOpportunityRoles({ input: input.slice(0, 1) });
    expect(deleted.result[0]?.status).toBe('deleted');
  });
});

describe('custom objects', () => {
  beforeEach(() => {
    server.model.objects.defineType(
      'car_c',
      'Car',
      ['vin'],
      [
        { name: 'vin', dataType: 'string' },
        { name: 'color', dataType: 'string' },
      ],
    );
  });

  it('list, describe, sync, get and delete', async () => {
    const client = clientFor(server);
    const types = await client.listCustomObjects(['car_c']);
    expect(types.result.map((type) => type.name)).toEqual(['car_c']);
    expect(requestsOf('listCustomObjects')[0]?.query).toEqual({ names: 'car_c' });
    const described = await client.describeCustomObject('car_c');
    expect(described.result[0]?.idField).toBe('marketoGUID');

    const synced = await client.syncCustomObjects('car_c', {
      action: 'createOnly',
      input: [
        { vin: 'V1', color: 'red' },
        { vin: 'V2', wheels: 4 },
      ],
    });
    expect(synced.result.map((entry) => entry.status)).toEqual(['created', 'skipped']);
    expect(synced.result[1]?.reasons?.[0]?.code).toBe('1006');

    const found = await client.getCustomObjects('car_c', {
      filterType: 'vin',
      filterValues: ['V1'],
      fields: ['vin', 'color'],
    });
    expect(found.result).toEqual([{ seq: 0, vin: 'V1', color: 'red' }]);
    expect(requestsOf('getCustomObjects')[0]?.path).toBe('/rest/v1/customobjects/car_c.json');

    const deleted = await client.deleteCustomObjects('car_c', { input: [{ vin: 'V1' }] });
    expect(deleted.result[0]?.status).toBe('deleted');
  });

  it('unknown object gives 1013', async () => {
    const client = clientFor(server);
    const failure = await client.describeCustomObject('nope_c').catch((error: unknown) => error);
    expect((failure as MarketoError).code).toBe('1013');
  });

  it('rejects bad input before any call', async () => {
    const client = clientFor(server);
    await expect(client.describeCustomObject('')).rejects.toThrow(/apiName must be a non-empty/);
    await expect(client.syncCustomObjects('car_c', { input: [] })).rejects.toThrow(
      /input must contain/,
    );
    await expect(
      client.getCustomObjects('car_c', { filterType: 'vin', filterValues: ['a,b'] }),
    ).rejects.toThrow(/cannot contain a comma/);
    expect(server.requests).toHaveLength(0);
  });

  it('601 filter values are read in three calls', async () => {
    const client = clientFor(server);
    const values = Array.from({ length: 601 }, (_, index) => `V${index}`);
    await client.syncCustomObjects('car_c', {
      input: values.slice(0, 300).map((vin) => ({ vin })),
    });
    await client.syncCustomObjects('car_c', { input: values.slice(300).map((vin) => ({ vin })) });
    const found = await client.getCustomObjects('car_c', {
      filterType: 'vin',
      filterValues: values,
      fields: ['vin'],
    });
    expect(found.result.map((record) => record['vin'])).toEqual(values);
    const sizes = requestsOf('getCustomObjects').map(
      (request) => request.query['filterValues']?.split(',').length,
    );
    expect(sizes).toEqual([300, 300, 1]);
  });
});
