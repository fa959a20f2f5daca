import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMarketoServer, startFakeMarketo } from '../fake-marketo/server.js';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPOSITORY, 'dist/src/cli.js');

/** The sample wrapper's API after migration, as its callers in the sample use it. */
interface MarketoWrapper {
  getLeadByEmail(email: string, cb: (err: Error | null, result?: SoapGetLeadResult) => void): void;
  upsertLead(
    email: string,
    fields: Record<string, string>,
    cb: (err: Error | null, result?: SoapSyncResult) => void,
  ): void;
}
interface SoapGetLeadResult {
  count: number;
  leadRecordList: {
    leadRecord: Array<{
      Id: number;
      Email?: string;
      leadAttributeList: { attribute: Array<{ attrName: string; attrValue: string }> };
    }>;
  };
}
/** The sample deals module after migration. */
interface DealsModule {
  saveDeal(
    deal: { crmId: string; title: string; stage: string },
    cb: (err: Error | null, count?: number) => void,
  ): void;
  hasDeal(crmId: string, cb: (err: Error | null, found?: boolean) => void): void;
}
/** The sample list and bulk module after migration. */
interface ListSyncModule {
  syncTeam(
    members: Array<{ email: string; company: string }>,
    cb: (err: Error | null, leadIds?: number[]) => void,
  ): void;
}
/** The sample activity module after migration. */
interface ActivityFeedModule {
  visitedPages(email: string, since: Date, cb: (err: Error | null, pages?: string[]) => void): void;
}
/** The sample campaigns module after migration. */
interface CampaignsModule {
  startOnboarding(
    leadId: number,
    plan: string,
    cb: (err: Error | null, success?: boolean) => void,
  ): void;
  mergeDuplicate(
    existingEmail: string,
    duplicateEmail: string,
    cb: (err: Error | null) => void,
  ): void;
}
interface SoapSyncResult {
  leadId: number | undefined;
  syncStatus: { status: string };
}

/** Calls `start` with a callback and resolves with every call it got, once the event loop settles. */
function callbackCalls<T>(
  start: (cb: (err: Error | null, result?: T) => void) => void,
): Promise<Array<[Error | null, T | undefined]>> {
  return new Promise((resolve) => {
    const calls: Array<[Error | null, T | undefined]> = [];
    start((err, result) => {
      calls.push([err, result]);
      // A second call would come from the same promise chain, so a few turns later is enough.
      setTimeout(() => resolve(calls), 50);
    });
  });
}

describe('migrated sample repository', () => {
  let server: FakeMarketoServer;
  let work: string;
  let Marketo: new () => MarketoWrapper;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'marketo-sample-run-'));
    cpSync(join(REPOSITORY, 'fixtures/sample-repo'), work, { recursive: true });
    execFileSync(process.execPath, [CLI, 'run', '--silent', work], { cwd: work, stdio: 'pipe' });

    server = await startFakeMarketo();
    server.model.addLead({
      email: 'ada@example.com',
      firstName: 'Ada',
      company: 'Analytical Engines',
      region: 'EMEA',
    });
    process.env.MARKETO_BASE_URL = server.url;
    process.env.MARKETO_CLIENT_ID = 'test-client-id';
    process.env.MARKETO_CLIENT_SECRET = 'test-client-secret';
    // The wrapper's own check still reads the WSDL URL variable, though nothing fetches it.
    process.env.MKTO_WSDL_URL = 'https://127.0.0.1/unused?WSDL';
    Marketo = createRequire(join(work, 'lib/marketo.js'))(
      './marketo.js',
    ) as new () => MarketoWrapper;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads a lead in the SOAP shape', async () => {
    const calls = await callbackCalls<SoapGetLeadResult>((cb) =>
      new Marketo().getLeadByEmail('ada@example.com', cb),
    );
    expect(calls).toHaveLength(1);
    const [err, result] = calls[0]!;
    expect(err).toBeNull();
    expect(result?.count).toBe(1);
    const lead = result?.leadRecordList.leadRecord[0];
    expect(lead?.Email).toBe('ada@example.com');
    const company = lead?.leadAttributeList.attribute.find(
      (attribute) => attribute.attrName === 'Company',
    );
    expect(company?.attrValue).toBe('Analytical Engines');
  });

  it('reports a missing lead as SOAP did', async () => {
    const calls = await callbackCalls<SoapGetLeadResult>((cb) =>
      new Marketo().getLeadByEmail('nobody@example.com', cb),
    );
    expect(calls).toHaveLength(1);
    const [err] = calls[0]!;
    expect((err as { soapCode?: string } | null)?.soapCode).toBe('20103');
  });

  it('triggers a campaign for a lead with its tokens', async () => {
    const campaign = server.model.records.addSmartCampaign({ name: 'Onboarding' });
    const lead = server.model.addLead({ email: 'alan@example.com' });
    process.env.MKTO_ONBOARDING_CAMPAIGN_ID = String(campaign.id);
    // The module reads the campaign id when it loads, so it loads after the variable is set.
    const campaigns = createRequire(join(work, 'lib/campaigns.js'))(
      './campaigns.js',
    ) as CampaignsModule;
    const calls = await callbackCalls<boolean>((cb) =>
      campaigns.startOnboarding(lead.id, 'team', cb),
    );
    expect(calls).toHaveLength(1);
    const [err, success] = calls[0]!;
    expect(err).toBeNull();
    expect(success).toBe(true);
    const run = server.model.records.campaignRuns.at(-1);
    expect(run?.campaignId).toBe(campaign.id);
    expect(run?.leadIds).toEqual([lead.id]);
    expect(run?.tokens).toEqual([{ name: '{{my.plan}}', value: 'team' }]);
  });

  it('merges a duplicate found by email', async () => {
    const winner = server.model.addLead({ email: 'kept@example.com' });
    const loser = server.model.addLead({ email: 'duplicate@example.com', company: 'Dup Ltd' });
    const campaigns = createRequire(join(work, 'lib/campaigns.js'))(
      './campaigns.js',
    ) as CampaignsModule;
    const calls = await callbackCalls<undefined>((cb) =>
      campaigns.mergeDuplicate('kept@example.com', 'duplicate@example.com', cb),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBeNull();
    expect(server.model.records.merges.at(-1)).toEqual({
      winnerId: winner.id,
      loserIds: [loser.id],
      mergeInCRM: false,
    });
    expect(server.model.leads.has(loser.id)).toBe(false);
  });

  it('syncs a team in one batch and returns SOAP statuses', async () => {
    const listSync = createRequire(join(work, 'lib/list-sync.js'))(
      './list-sync.js',
    ) as ListSyncModule;
    const members = [
      { email: 'team1@example.com', company: 'Team Co' },
      { email: 'team2@example.com', company: 'Team Co' },
    ];
    const calls = await callbackCalls<number[]>((cb) => listSync.syncTeam(members, cb));
    expect(calls).toHaveLength(1);
    const [err, leadIds] = calls[0]!;
    expect(err).toBeNull();
    expect(leadIds).toHaveLength(2);
    for (const [index, leadId] of (leadIds ?? []).entries()) {
      expect(server.model.leads.get(leadId)?.email).toBe(members[index]!.email);
      expect(server.model.leads.get(leadId)?.company).toBe('Team Co');
    }
  });

  it('reads web page visits as SOAP activity records', async () => {
    const lead = server.model.addLead({ email: 'visitor@example.com' });
    const since = new Date(Date.now() - 60_000);
    server.model.records.addActivity({
      leadId: lead.id,
      activityTypeId: 1,
      primaryAttributeValue: 'pricing.html',
    });
    server.model.records.addActivity({
      leadId: lead.id,
      activityTypeId: 2,
      primaryAttributeValue: 'Form 7',
    });
    const feed = createRequire(join(work, 'lib/activity-feed.js'))(
      './activity-feed.js',
    ) as ActivityFeedModule;
    const calls = await callbackCalls<string[]>((cb) =>
      feed.visitedPages('visitor@example.com', since, cb),
    );
    expect(calls).toHaveLength(1);
    const [err, pages] = calls[0]!;
    expect(err).toBeNull();
    expect(pages).toEqual(['pricing.html']);
  });

  it('saves a deal as an opportunity and finds it again', async () => {
    const deals = createRequire(join(work, 'lib/deals.js'))('./deals.js') as DealsModule;
    const saved = await callbackCalls<number>((cb) =>
      deals.saveDeal({ crmId: 'D-42', title: 'Fleet renewal', stage: 'Proposal' }, cb),
    );
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toBeNull();
    expect(saved[0]![1]).toBe(1);
    const stored = [...(server.model.objects.types.get('opportunity')?.records.values() ?? [])];
    expect(stored.map((record) => record['externalOpportunityId'])).toContain('D-42');
    const found = await callbackCalls<boolean>((cb) => deals.hasDeal('D-42', cb));
    expect(found).toEqual([[null, true]]);
    const missing = await callbackCalls<boolean>((cb) => deals.hasDeal('D-404', cb));
    expect(missing).toEqual([[null, false]]);
  });

  it('syncs a lead with SOAP field names', async () => {
    const calls = await callbackCalls<SoapSyncResult>((cb) =>
      new Marketo().upsertLead('grace@example.com', { FirstName: 'Grace', Region__c: 'AMER' }, cb),
    );
    expect(calls).toHaveLength(1);
    const [err, result] = calls[0]!;
    expect(err).toBeNull();
    expect(result?.syncStatus.status).toBe('CREATED');
    const stored = server.model.leads.get(result!.leadId!);
    expect(stored?.email).toBe('grace@example.com');
    expect(stored?.firstName).toBe('Grace');
    expect(stored?.region).toBe('AMER');
  });
});
