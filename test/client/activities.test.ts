import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';

let server: FakeMarketoServer;
const SINCE = '2024-01-01T00:00:00Z';

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function requestsOf(operation: string) {
  return server.requests.filter((request) => request.operation === operation);
}

/** Adds one activity per minute from SINCE on, cycling over the given leads and types. */
function addActivities(count: number, leadIds: number[], typeIds: number[]): void {
  for (let index = 0; index < count; index += 1) {
    server.model.records.addActivity({
      leadId: leadIds[index % leadIds.length] ?? 0,
      activityTypeId: typeIds[index % typeIds.length] ?? 1,
      activityDate: new Date(Date.parse(SINCE) + index * 60_000).toISOString(),
    });
  }
}

describe('activity types', () => {
  it('activityTypes reads once per client', async () => {
    const client = clientFor(server);
    const [first, second] = await Promise.all([client.activityTypes(), client.activityTypes()]);
    expect(first).toBe(second);
    expect(first.find((type) => type.id === 1)?.name).toBe('Visit Webpage');
    await client.activityTypes();
    expect(server.model.callCount('getActivityTypes')).toBe(1);
  });

  it('failed read is retried next time', async () => {
    server.injectFault({ kind: 'restError', code: '603', operation: 'getActivityTypes' });
    const client = clientFor(server);
    await expect(client.activityTypes()).rejects.toThrow(/603/);
    const types = await client.activityTypes();
    expect(types.length).toBeGreaterThan(0);
  });
});

describe('getLeadActivities', () => {
  it('pages from a paging token until moreResult is false', async () => {
    addActivities(5, [1001], [1]);
    const client = clientFor(server);
    const token = await client.getPagingToken(SINCE);
    expect(requestsOf('getPagingToken')[0]?.query).toEqual({ sinceDatetime: SINCE });
    expect(token.nextPageToken).toBeDefined();

    const dates: string[] = [];
    for await (const activity of client.iterateLeadActivities({
      nextPageToken: token.nextPageToken ?? '',
      activityTypeIds: [1],
      batchSize: 2,
    })) {
      dates.push(activity.activityDate);
    }
    expect(dates).toHaveLength(5);
    // Pages of 2, 2 and 1: the last page has a token but moreResult false.
    expect(requestsOf('getLeadActivities')).toHaveLength(3);
  });

  it('splits 12 type ids into groups of 10', async () => {
    addActivities(4, [1001], [1, 2, 12, 13]);
    const client = clientFor(server);
    const token = (await client.getPagingToken(SINCE)).nextPageToken ?? '';
    const typeIds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13];
    const response = await client.getLeadActivities({
      nextPageToken: token,
      activityTypeIds: typeIds,
    });
    const groups = requestsOf('getLeadActivities').map(
      (request) => request.query['activityTypeIds']?.split(',').length,
    );
    expect(groups).toEqual([10, 2]);
    expect(response.result.map((activity) => activity.activityTypeId)).toEqual([1, 2, 12, 13]);
  });

  it('splits 31 lead ids into groups of 30', async () => {
    const leadIds = Array.from({ length: 31 }, (_, index) => 2000 + index);
    addActivities(31, leadIds, [1]);
    const client = clientFor(server);
    const token = (await client.getPagingToken(SINCE)).nextPageToken ?? '';
    const response = await client.getLeadActivities({
      nextPageToken: token,
      activityTypeIds: [1],
      leadIds,
    });
    const sizes = requestsOf('getLeadActivities').map(
      (request) => request.query['leadIds']?.split(',').length,
    );
    expect(sizes).toEqual([30, 1]);
    expect(response.result.map((activity) => activity.leadId)).toEqual(leadIds);
  });

  it('rejects a missing token or mixed filters', async () => {
    const client = clientFor(server);
    await expect(
      client.getLeadActivities({ nextPageToken: '', activityTypeIds: [1] }),
    ).rejects.toThrow(/getPagingToken/);
    await expect(
      client.getLeadActivities({
        nextPageToken: 't',
        activityTypeIds: [1],
        leadIds: [1],
        listId: 2,
      }),
    ).rejects.toThrow(/not both/);
    await expect(
      client.getLeadActivities({ nextPageToken: 't', activityTypeIds: [] }),
    ).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('getLeadChanges', () => {
  it('returns only the requested field changes', async () => {
    server.model.records.addActivity({
      leadId: 1001,
      activityTypeId: 13,
      activityDate: '2024-02-01T00:00:00Z',
      fields: [
        { id: 3, name: 'firstName', newValue: 'Ada', oldValue: 'A' },
        { id: 5, name: 'company', newValue: 'Acme', oldValue: null },
      ],
    });
    server.model.records.addActivity({ leadId: 1001, activityTypeId: 1, activityDate: SINCE });
    const client = clientFor(server);
    const token = (await client.getPagingToken(SINCE)).nextPageToken ?? '';
    const changes = [];
    for await (const change of client.iterateLeadChanges({
      nextPageToken: token,
      fields: ['firstName'],
    })) {
      changes.push(change);
    }
    expect(changes).toHaveLength(1);
    expect(changes[0]?.fields).toEqual([
      { id: 3, name: 'firstName', newValue: 'Ada', oldValue: 'A' },
    ]);
    expect(requestsOf('getLeadChanges')[0]?.query['fields']).toBe('firstName');
  });
});
