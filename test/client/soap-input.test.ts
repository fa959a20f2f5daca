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

function syncBodies(): { action?: string; lookupField?: string; input: unknown[] }[] {
  return server.requests
    .filter((request) => request.operation === 'syncLeads')
    .map((request) => JSON.parse(request.body) as { input: unknown[] });
}

describe('syncSoapLeads', () => {
  it('splits mixed keys, keeps input order', async () => {
    const known = server.model.addLead({ email: 'known@example.com' });
    const client = clientFor(server);
    const response = await client.syncSoapLeads([
      {
        Email: 'new@example.com',
        leadAttributeList: { attribute: [{ attrName: 'FirstName', attrValue: 'Nia' }] },
      },
      {
        Id: known.id,
        leadAttributeList: { attribute: { attrName: 'Customer_Tier__c', attrValue: 'gold' } },
      },
      { Email: 'other@example.com' },
    ]);

    const statuses = response.result.map((record) => record.status);
    expect(statuses).toEqual(['created', 'updated', 'created']);
    expect(response.result[1]?.id).toBe(known.id);
    expect(syncBodies()).toEqual([
      {
        action: 'createOrUpdate',
        lookupField: 'email',
        input: [{ firstName: 'Nia', email: 'new@example.com' }, { email: 'other@example.com' }],
      },
      { action: 'updateOnly', lookupField: 'id', input: [{ customerTier: 'gold', id: known.id }] },
    ]);
    expect(server.model.leads.get(known.id)?.['customerTier']).toBe('gold');
  });

  it('dedupEnabled false creates duplicates', async () => {
    const existing = server.model.addLead({ email: 'dup@example.com' });
    const client = clientFor(server);
    const response = await client.syncSoapLeads([{ Email: 'dup@example.com' }], {
      dedupEnabled: false,
    });
    expect(syncBodies()[0]?.action).toBe('createDuplicate');
    expect(response.result[0]?.status).toBe('created');
    expect(response.result[0]?.id).not.toBe(existing.id);
  });

  it('uses the foreign id field', async () => {
    const client = clientFor(server);
    await client.syncSoapLeads(
      { ForeignSysPersonId: 'CRM-7', ForeignSysType: 'CUSTOM' },
      {
        foreignSysPersonIdField: 'legacyCrmId',
        partitionName: 'Default',
      },
    );
    expect(syncBodies()).toEqual([
      {
        action: 'createOrUpdate',
        lookupField: 'legacyCrmId',
        partitionName: 'Default',
        input: [{ legacyCrmId: 'CRM-7' }],
      },
    ]);
  });

  it('works with the syncMultipleLeads view', async () => {
    const client = clientFor(server);
    const view = await client
      .syncSoapLeads([{ Email: 'a@example.com' }, { Id: 99999 }])
      .then(client.soapView.syncMultipleLeads);
    const statuses = view.result.syncStatusList.syncStatus;
    expect(statuses[0]?.status).toBe('CREATED');
    expect(statuses[1]).toEqual({
      leadId: undefined,
      status: 'FAILED',
      error: '1004 - Lead not found',
    });
  });

  it('rejects a record without a key before any call', async () => {
    const client = clientFor(server);
    const failure = await client
      .syncSoapLeads([{ Email: 'a@example.com' }, { leadAttributeList: null }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toContain('leadRecord 1');
    expect(syncBodies()).toHaveLength(0);
  });

  it('rejects an empty list', async () => {
    const client = clientFor(server);
    await expect(client.syncSoapLeads([])).rejects.toThrow(TypeError);
  });
});

describe('soapImportFileToCsv', () => {
  it('renames display names to REST names', async () => {
    const client = clientFor(server);
    const csv = await client.soapImportFileToCsv('Email Address,"Company Name",Customer_Tier__c', [
      'a@example.com,Acme,gold',
      'b@example.com,"Widgets, Inc",silver',
    ]);
    expect(csv).toBe(
      'email,company,customerTier\na@example.com,Acme,gold\nb@example.com,"Widgets, Inc",silver\n',
    );
  });

  it('accepts one row as a string', async () => {
    const client = clientFor(server);
    const csv = await client.soapImportFileToCsv('email', 'a@example.com');
    expect(csv).toBe('email\na@example.com\n');
  });

  it('rejects My Token columns', async () => {
    const client = clientFor(server);
    const failure = client.soapImportFileToCsv('Email Address,{{my.offer}}', ['a@example.com,x']);
    await expect(failure).rejects.toThrow(TypeError);
  });

  it('rejects an unknown column', async () => {
    const client = clientFor(server);
    const failure = await client
      .soapImportFileToCsv('Email Address,Shoe Size', [])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe(CLIENT_ERROR_CODES.fieldNotFound);
    expect((failure as MarketoError).message).toContain('Shoe Size');
  });

  it('feeds Import Leads', async () => {
    const list = server.model.records.addList('Booth Visitors', 'Trade Show 2019');
    const client = clientFor(server);
    const header = 'Email Address,Company Name';
    const file = await client.soapImportFileToCsv(header, ['a@example.com,Acme']);
    const response = await client.importLeads({ file, listId: list.id });
    const job = server.model.bulk.imports.get(response.result[0]?.batchId ?? 0);
    expect(job?.header).toEqual(['email', 'company']);
    expect(job?.rows).toEqual([['a@example.com', 'Acme']]);
  });
});

describe('getRequestableSmartCampaigns', () => {
  beforeEach(() => {
    server.model.records.addSmartCampaign({ name: 'Send Welcome Email' });
    server.model.records.addSmartCampaign({ name: 'Nurture Step 1' });
    server.model.records.addSmartCampaign({ name: 'nurture step 2' });
    const records = server.model.records;
    records.addSmartCampaign({ name: 'Nurture Batch', type: 'batch', isRequestable: false });
    records.addSmartCampaign({ name: 'Nurture Old', isActive: false, isRequestable: false });
  });

  it('keeps requestable campaigns by substring', async () => {
    const client = clientFor(server);
    const response = await client.getRequestableSmartCampaigns({ name: 'Nurture' });
    expect(response.result.map((campaign) => campaign.name)).toEqual([
      'Nurture Step 1',
      'nurture step 2',
    ]);
    const browse = server.requests.find((request) => request.operation === 'getSmartCampaigns');
    expect(browse?.query['isActive']).toBe('true');
  });

  it('pages through every campaign', async () => {
    for (let index = 0; index < 205; index += 1) {
      server.model.records.addSmartCampaign({ name: `Bulk ${index}` });
    }
    const client = clientFor(server);
    const response = await client.getRequestableSmartCampaigns();
    expect(response.result).toHaveLength(208);
    expect(server.model.callCount('getSmartCampaigns')).toBe(2);
  });

  it('exactName uses the by-name call', async () => {
    const client = clientFor(server);
    const response = await client.getRequestableSmartCampaigns({
      name: 'Send Welcome Email',
      exactName: true,
    });
    expect(response.result.map((campaign) => campaign.name)).toEqual(['Send Welcome Email']);
    expect(server.model.callCount('getSmartCampaignByName')).toBe(1);
    expect(server.model.callCount('getSmartCampaigns')).toBe(0);
  });

  it('exactName drops a batch campaign', async () => {
    const client = clientFor(server);
    const response = await client.getRequestableSmartCampaigns({
      name: 'Nurture Batch',
      exactName: true,
    });
    expect(response.result).toEqual([]);
  });

  it('exactName without a name is rejected', async () => {
    const client = clientFor(server);
    await expect(client.getRequestableSmartCampaigns({ exactName: true })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('resolveActivityTypeIds', () => {
  it('matches enum values and display names', async () => {
    const client = clientFor(server);
    const ids = await client.resolveActivityTypeIds(['VisitWebpage', 'Fill Out Form', 'newlead']);
    expect(ids).toEqual([1, 2, 12]);
    expect(await client.resolveActivityTypeIds(['ChangeDataValue'])).toEqual([13]);
    expect(server.model.callCount('getActivityTypes')).toBe(1);
  });

  it('maps irregular enum values', async () => {
    const type = { id: 21, name: 'New SFDC Opportunity', attributes: [] };
    server.model.records.activityTypes.push(type);
    const client = clientFor(server);
    expect(await client.resolveActivityTypeIds(['NewSFDCOpprtnty'])).toEqual([21]);
  });

  it('names every unmatched type', async () => {
    const client = clientFor(server);
    const failure = await client
      .resolveActivityTypeIds(['VisitWebpage', 'SendEmail', 'Wait'])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe(CLIENT_ERROR_CODES.activityTypeNotFound);
    expect((failure as MarketoError).soapCode).toBe('20107');
    expect((failure as MarketoError).message).toContain('"SendEmail", "Wait"');
  });
});
