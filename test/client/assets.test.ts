import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketoError, parseAllowableValues } from '../../src/client/index.js';
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

describe('channels', () => {
  it('iterateChannels pages by offset', async () => {
    for (let index = 0; index < 3; index += 1) {
      server.model.assets.addChannel(`Channel ${index}`, [
        ['Member', false],
        ['Won', true],
      ]);
    }
    const client = clientFor(server);
    const names: string[] = [];
    for await (const channel of client.iterateChannels({ maxReturn: 2 })) names.push(channel.name);
    expect(names).toEqual(['Channel 0', 'Channel 1', 'Channel 2']);
    expect(requestsOf('getChannels').map((request) => request.query['offset'])).toEqual(['0', '2']);
  });

  it('getChannelByName returns progression statuses', async () => {
    server.model.assets.addChannel('Webinar', [
      ['Registered', false],
      ['Attended', true],
    ]);
    const client = clientFor(server);
    const response = await client.getChannelByName('Webinar');
    expect(requestsOf('getChannelByName')[0]?.query).toEqual({ name: 'Webinar' });
    expect(response.result[0]?.progressionStatuses.map((status) => status.success)).toEqual([
      false,
      true,
    ]);
    const missing = await client.getChannelByName('Nope');
    expect(missing.warnings?.[0]?.code).toBe(702);
  });
});

describe('tags', () => {
  it('tag types leave out values, by name includes them', async () => {
    server.model.assets.addTagType('Region', ['EMEA', 'APAC'], true);
    const client = clientFor(server);
    const types = await client.getTagTypes();
    expect(types.result).toEqual([
      { tagType: 'Region', applicableProgramTypes: '[program,event,webinar]', required: true },
    ]);
    const byName = await client.getTagByName('Region');
    expect(byName.result[0]?.allowableValues).toBe('[EMEA, APAC]');
    expect(parseAllowableValues(byName.result[0]?.allowableValues)).toEqual(['EMEA', 'APAC']);
    expect(parseAllowableValues('[]')).toEqual([]);
  });
});

describe('programs', () => {
  it('by id, by name with tags, and browse', async () => {
    server.model.assets.addTagType('Region', ['EMEA']);
    const program = server.model.assets.addProgram({
      name: 'Q3 Webinar',
      tags: [{ tagType: 'Region', tagValue: 'EMEA' }],
    });
    server.model.assets.addProgram({ name: 'Q4 Webinar', workspace: 'Other' });
    const client = clientFor(server);
    expect((await client.getProgramById(program.id)).result[0]?.tags).toEqual(program.tags);
    const byName = await client.getProgramByName('Q3 Webinar', { includeTags: true });
    expect(requestsOf('getProgramByName')[0]?.query).toEqual({
      name: 'Q3 Webinar',
      includeTags: 'true',
    });
    expect(byName.result[0]?.tags).toEqual(program.tags);
    expect(byName.result[0]?.costs).toBeUndefined();
    const browsed: string[] = [];
    for await (const entry of client.iteratePrograms({
      filterType: 'workspace',
      filterValues: ['Default'],
    })) {
      browsed.push(entry.name);
    }
    expect(browsed).toEqual(['Q3 Webinar']);
  });

  it('updateProgram sends a form and appends costs', async () => {
    const program = server.model.assets.addProgram({ name: 'Q3 Webinar' });
    const client = clientFor(server);
    const costs = [{ startDate: '2024-06-01', cost: 200, note: 'Ads' }];
    await client.updateProgram(program.id, { description: 'Updated', costs });
    await client.updateProgram(program.id, { costs });
    const request = requestsOf('updateProgram')[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body ?? ''))).toEqual({
      description: 'Updated',
      costs: JSON.stringify(costs),
    });
    expect(program.costs).toHaveLength(2);
    await client.updateProgram(program.id, { costs, costsDestructiveUpdate: true });
    expect(program.costs).toHaveLength(1);
    expect(program.description).toBe('Updated');
  });

  it('appending costs is not repeated after HTTP 502', async () => {
    const program = server.model.assets.addProgram({ name: 'Q3 Webinar' });
    server.injectFault({ kind: 'httpError', status: 502, operation: 'updateProgram', after: true });
    const client = clientFor(server);
    const costs = [{ startDate: '2024-06-01', cost: 200 }];
    const failure = await client.updateProgram(program.id, { costs }).catch((e: unknown) => e);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(program.costs).toHaveLength(1);
  });

  it('a rename is retried after HTTP 502', async () => {
    const program = server.model.assets.addProgram({ name: 'Q3 Webinar' });
    server.injectFault({ kind: 'httpError', status: 502, operation: 'updateProgram', after: true });
    const client = clientFor(server, { clock: { now: () => Date.now(), sleep: async () => {} } });
    await client.updateProgram(program.id, { name: 'Q3 Webinar (EMEA)' });
    expect(requestsOf('updateProgram')).toHaveLength(2);
    expect(program.name).toBe('Q3 Webinar (EMEA)');
  });

  it('rejects bad updates before any call', async () => {
    const client = clientFor(server);
    await expect(client.updateProgram(1, {})).rejects.toThrow(/changes nothing/);
    await expect(
      client.updateProgram(1, { costs: [{ startDate: '2024-01-01', cost: 1.5 }] }),
    ).rejects.toThrow(/whole numbers/);
    await expect(client.getPrograms({ filterType: 'id' })).rejects.toThrow(/together/);
    expect(server.requests).toHaveLength(0);
  });
});
