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

describe('requestCampaign', () => {
  it('sends 250 leads in calls of 100 with the tokens', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Welcome' });
    const leadIds = Array.from(
      { length: 250 },
      (_, index) => server.model.addLead({ email: `l${index}@example.com` }).id,
    );
    const tokens = [{ name: '{{my.offer}}', value: 'Trial' }];
    const client = clientFor(server);
    const response = await client.requestCampaign(campaign.id, { leadIds, tokens });
    const runs = server.model.records.campaignRuns;
    expect(runs.map((run) => run.leadIds.length)).toEqual([100, 100, 50]);
    expect(runs.flatMap((run) => run.leadIds)).toEqual(leadIds);
    expect(runs.every((run) => run.tokens.length === 1)).toBe(true);
    expect(response.result).toEqual([
      { id: campaign.id },
      { id: campaign.id },
      { id: campaign.id },
    ]);
    const body = JSON.parse(requestsOf('requestCampaign')[0]?.body ?? '') as {
      input: { leads: { id: number }[]; tokens: unknown[] };
    };
    expect(body.input.leads[0]).toEqual({ id: leadIds[0] });
    expect(body.input.tokens).toEqual(tokens);
  });

  it('rejects more than 100 tokens before any call', async () => {
    const client = clientFor(server);
    const tokens = Array.from({ length: 101 }, (_, index) => ({
      name: `{{my.t${index}}}`,
      value: 'x',
    }));
    await expect(client.requestCampaign(1, { leadIds: [1], tokens })).rejects.toThrow(
      /at most 100/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('is not repeated after HTTP 502', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Welcome' });
    const lead = server.model.addLead({ email: 'a@example.com' });
    server.injectFault({
      kind: 'httpError',
      status: 502,
      operation: 'requestCampaign',
      after: true,
    });
    const client = clientFor(server);
    const failure = await client
      .requestCampaign(campaign.id, { leadIds: [lead.id] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(server.model.records.campaignRuns).toHaveLength(1);
    expect(requestsOf('requestCampaign')).toHaveLength(1);
  });

  it('batch campaign gives 1003', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Batch', type: 'batch' });
    const lead = server.model.addLead({ email: 'a@example.com' });
    const client = clientFor(server);
    const failure = await client
      .requestCampaign(campaign.id, { leadIds: [lead.id] })
      .catch((error: unknown) => error);
    expect((failure as MarketoError).code).toBe('1003');
  });
});

describe('scheduleCampaign', () => {
  it('sends runAt, clone name and tokens', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Monthly', type: 'batch' });
    const client = clientFor(server);
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    await client.scheduleCampaign(campaign.id, {
      runAt,
      cloneToProgramName: 'Monthly copy',
      tokens: [{ name: '{{my.month}}', value: 'May' }],
    });
    expect(JSON.parse(requestsOf('scheduleCampaign')[0]?.body ?? '')).toEqual({
      input: {
        runAt,
        cloneToProgramName: 'Monthly copy',
        tokens: [{ name: '{{my.month}}', value: 'May' }],
      },
    });
    expect(server.model.records.campaignRuns[0]?.runAt).toBe(runAt);
  });

  it('runAt past two years gives 1042', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Later', type: 'batch' });
    const client = clientFor(server);
    const runAt = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
    const failure = await client.scheduleCampaign(campaign.id, { runAt }).catch((e: unknown) => e);
    expect((failure as MarketoError).code).toBe('1042');
  });
});

describe('smart campaigns', () => {
  it('iterateSmartCampaigns pages by offset', async () => {
    for (let index = 0; index < 5; index += 1)
      server.model.records.addSmartCampaign({ name: `C${index}` });
    const client = clientFor(server);
    const names: string[] = [];
    for await (const campaign of client.iterateSmartCampaigns({ maxReturn: 2 }))
      names.push(campaign.name);
    expect(names).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
    const offsets = requestsOf('getSmartCampaigns').map((request) => request.query['offset']);
    expect(offsets).toEqual(['0', '2', '4']);
  });

  it('getSmartCampaignByName finds an exact name', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Welcome' });
    const client = clientFor(server);
    const found = await client.getSmartCampaignByName('Welcome');
    expect(found.result.map((entry) => entry.id)).toEqual([campaign.id]);
    const missing = await client.getSmartCampaignByName('Nope');
    expect(missing.result).toEqual([]);
    expect(missing.warnings?.[0]?.code).toBe(702);
  });

  it('rejects maxReturn over 200', async () => {
    const client = clientFor(server);
    await expect(client.getSmartCampaigns({ maxReturn: 201 })).rejects.toThrow(/1 to 200/);
  });
});
