import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, MarketoError } from '../../src/client/index.js';
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

async function failureOf(promise: Promise<unknown>): Promise<MarketoError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(MarketoError);
  return failure as MarketoError;
}

describe('resolveLeadIds', () => {
  it('keeps key order across key types', async () => {
    const ada = server.model.addLead({ email: 'Ada@Example.com', sfdcLeadId: '00Q1' });
    const grace = server.model.addLead({ email: 'grace@example.com' });
    const client = clientFor(server);
    const ids = await client.resolveLeadIds([
      { keyType: 'EMAIL', keyValue: 'grace@example.com' },
      { keyType: 'IDNUM', keyValue: '77' },
      { keyType: 'SFDCLEADID', keyValue: '00Q1' },
      { keyType: 'EMAIL', keyValue: 'ada@example.com' },
    ]);
    expect(ids).toEqual([grace.id, 77, ada.id, ada.id]);
  });

  it('passes IDNUM through without a call', async () => {
    const client = clientFor(server);
    expect(await client.resolveLeadIds([{ keyType: 'IDNUM', keyValue: 1001 }])).toEqual([1001]);
    expect(server.requests).toHaveLength(0);
  });

  it('reads 301 emails in two calls', async () => {
    const emails = Array.from({ length: 301 }, (_, index) => `lead${index}@example.com`);
    const leadIds = emails.map((email) => server.model.addLead({ email }).id);
    const client = clientFor(server);
    const ids = await client.resolveLeadIds(
      emails.map((keyValue) => ({ keyType: 'EMAIL', keyValue })),
    );
    expect(ids).toEqual(leadIds);
    const calls = requestsOf('getLeadsByFilterType');
    expect(calls.map((call) => call.query['filterValues']?.split(',').length)).toEqual([300, 1]);
    expect(calls[0]?.query['fields']).toBe('email');
  });

  it('resolves a cookie by its own call', async () => {
    const lead = server.model.addLead({ email: 'c@example.com' });
    const cookie = 'id:123-ABC-456&token:_mch-example.com-1396310362214-46169';
    server.model.cookies.set(cookie, lead.id);
    const client = clientFor(server);
    expect(await client.resolveLeadIds([{ keyType: 'COOKIE', keyValue: cookie }])).toEqual([
      lead.id,
    ]);
    expect(requestsOf('getLeadsByFilterType')[0]?.query).toMatchObject({
      filterType: 'cookies',
      filterValues: cookie,
    });
  });

  it('unmatched key gives 20103', async () => {
    server.model.addLead({ email: 'a@example.com' });
    const client = clientFor(server);
    const failure = await failureOf(
      client.resolveLeadIds([
        { keyType: 'EMAIL', keyValue: 'a@example.com' },
        { keyType: 'EMAIL', keyValue: 'nobody@example.com' },
      ]),
    );
    expect(failure.soapCode).toBe('20103');
    expect(failure.code).toBe(CLIENT_ERROR_CODES.leadNotFound);
    expect(failure.message).toBe('Lead Not Found: no lead matches the EMAIL key at index 1.');
    expect(failure.message).not.toContain('nobody@example.com');
  });

  it('duplicate email gives MULTIPLE_LEADS_MATCH', async () => {
    server.model.addLead({ email: 'twin@example.com' });
    server.model.addLead({ email: 'twin@example.com' });
    const client = clientFor(server);
    const failure = await failureOf(
      client.resolveLeadIds([{ keyType: 'EMAIL', keyValue: 'twin@example.com' }]),
    );
    expect(failure.code).toBe(CLIENT_ERROR_CODES.multipleLeadsMatch);
  });

  it('rejects bad keys before any call', async () => {
    const client = clientFor(server);
    const owner = await failureOf(
      client.resolveLeadIds([{ keyType: 'LEADOWNEREMAIL', keyValue: 'o@example.com' }]),
    );
    expect(owner.code).toBe(CLIENT_ERROR_CODES.unsupportedKeyType);
    await expect(client.resolveLeadIds([])).rejects.toThrow(/at least one element/);
    await expect(client.resolveLeadIds([{ keyType: 'IDNUM', keyValue: 'x1' }])).rejects.toThrow(
      /invalid lead id "x1"/,
    );
    await expect(client.resolveLeadIds([{ keyType: 'EMAIL', keyValue: '' }])).rejects.toThrow(
      /keyValue is missing/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('resolveCampaignId', () => {
  it('finds the campaign by name in its program', async () => {
    const program = server.model.assets.addProgram({ name: 'Q3 Webinar' });
    const campaign = server.model.records.addSmartCampaign({
      name: 'Send Reminder',
      parentProgramId: program.id,
      folder: { id: program.id, type: 'Program' },
    });
    const client = clientFor(server);
    const id = await client.resolveCampaignId({
      programName: 'Q3 Webinar',
      campaignName: 'Send Reminder',
    });
    expect(id).toBe(campaign.id);
    expect(requestsOf('getProgramByName')[0]?.query).toEqual({ name: 'Q3 Webinar' });
    expect(requestsOf('getSmartCampaigns')).toHaveLength(0);
  });

  it('browses the program when the name is shared', async () => {
    const other = server.model.assets.addProgram({ name: 'Q2 Webinar' });
    const program = server.model.assets.addProgram({ name: 'Q3 Webinar' });
    server.model.records.addSmartCampaign({ name: 'Send Reminder', parentProgramId: other.id });
    const wanted = server.model.records.addSmartCampaign({
      name: 'Send Reminder',
      parentProgramId: program.id,
      folder: { id: program.id, type: 'Program' },
    });
    const client = clientFor(server);
    const id = await client.resolveCampaignId({
      programName: 'Q3 Webinar',
      campaignName: 'Send Reminder',
    });
    expect(id).toBe(wanted.id);
    const browse = requestsOf('getSmartCampaigns');
    expect(browse).toHaveLength(1);
    expect(JSON.parse(browse[0]?.query['folder'] ?? '')).toEqual({
      id: program.id,
      type: 'Program',
    });
  });

  it('finds a campaign in a nested folder', async () => {
    const other = server.model.assets.addProgram({ name: 'Template' });
    const program = server.model.assets.addProgram({ name: 'Events' });
    server.model.records.addSmartCampaign({ name: 'Badge Printed', parentProgramId: other.id });
    const nested = server.model.records.addSmartCampaign({
      name: 'Badge Printed',
      parentProgramId: program.id,
      folder: { id: 31, type: 'Folder' },
    });
    const client = clientFor(server);
    const id = await client.resolveCampaignId({
      programName: 'Events',
      campaignName: 'Badge Printed',
    });
    expect(id).toBe(nested.id);
    expect(requestsOf('getSmartCampaigns').map((request) => request.query['folder'])).toEqual([
      JSON.stringify({ id: program.id, type: 'Program' }),
      undefined,
    ]);
  });

  it('missing campaign gives 20113', async () => {
    server.model.assets.addProgram({ name: 'Lifecycle' });
    const client = clientFor(server);
    const failure = await failureOf(
      client.resolveCampaignId({ programName: 'Lifecycle', campaignName: 'Nope' }),
    );
    expect(failure.soapCode).toBe('20113');
    expect(failure.code).toBe(CLIENT_ERROR_CODES.campaignNotFound);
    expect(failure.message).toBe(
      'Campaign Not Found: program "Lifecycle" has no smart campaign named "Nope".',
    );
  });

  it('missing program gives 20113', async () => {
    const client = clientFor(server);
    const failure = await failureOf(
      client.resolveCampaignId({ programName: 'Ghost', campaignName: 'Any' }),
    );
    expect(failure.soapCode).toBe('20113');
    expect(failure.message).toContain('no program is named "Ghost"');
    expect(requestsOf('getSmartCampaignByName')).toHaveLength(0);
  });

  it('rejects an empty name before any call', async () => {
    const client = clientFor(server);
    await expect(client.resolveCampaignId({ programName: '', campaignName: 'A' })).rejects.toThrow(
      /programName must be a non-empty string/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('resolveListId', () => {
  it('finds a list by name', async () => {
    const list = server.model.records.addList('VIP Customers');
    server.model.records.addList('Other');
    const client = clientFor(server);
    expect(await client.resolveListId({ listName: 'VIP Customers' })).toBe(list.id);
    expect(requestsOf('getLists')[0]?.query).toEqual({ name: 'VIP Customers' });
  });

  it('programName picks among shared names', async () => {
    server.model.records.addList('Registrants', 'Q2 Webinar');
    const wanted = server.model.records.addList('Registrants', 'Q3 Webinar');
    const client = clientFor(server);
    const id = await client.resolveListId({ listName: 'Registrants', programName: 'Q3 Webinar' });
    expect(id).toBe(wanted.id);
    const failure = await failureOf(client.resolveListId({ listName: 'Registrants' }));
    expect(failure.code).toBe(CLIENT_ERROR_CODES.multipleListsMatch);
    expect(failure.message).toContain('Give programName');
  });

  it('missing list gives 20111', async () => {
    const client = clientFor(server);
    const failure = await failureOf(client.resolveListId({ listName: 'Nope' }));
    expect(failure.soapCode).toBe('20111');
    expect(failure.code).toBe(CLIENT_ERROR_CODES.listNotFound);
    expect(failure.message).toBe('List Not Found: no static list is named "Nope".');
  });
});
