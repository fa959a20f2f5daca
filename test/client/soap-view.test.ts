import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, MarketoError, STANDARD_LEAD_FIELDS } from '../../src/client/index.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';
import {
  ADDED_TO_LIST,
  ADDED_TO_LIST_SOAP,
  CAMPAIGN_ACCEPTED,
  CAMPAIGN_ACCEPTED_SOAP,
  CUSTOM_LEADS,
  CUSTOM_LEADS_SOAP,
  MERGE_DONE,
  MERGE_DONE_SOAP,
  MERGE_FAILED,
  MERGE_FAILED_SOAP,
  MEMBER_OF_LIST,
  MEMBER_OF_LIST_SOAP,
  STANDARD_LEAD,
  STANDARD_LEAD_SOAP,
  SYNC_CREATED,
  SYNC_CREATED_SOAP,
  SYNC_SKIPPED,
  SYNC_SKIPPED_SOAP,
  SYNC_UPDATED,
  SYNC_UPDATED_SOAP,
} from './soap-shapes.js';

let server: FakeMarketoServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

describe('soapView.getLead', () => {
  it('converts standard fields without Describe', async () => {
    const client = clientFor(server);
    const view = await client.soapView.getLead(STANDARD_LEAD);
    expect(view).toEqual(STANDARD_LEAD_SOAP);
    expect(server.requests).toHaveLength(0);
  });

  it('reads Describe for custom fields', async () => {
    const client = clientFor(server);
    const view = await client.soapView.getLead(CUSTOM_LEADS);
    expect(view).toEqual(CUSTOM_LEADS_SOAP);
    expect(server.model.callCount('describeLead')).toBe(1);
  });

  it('adds attrType once Describe is known', async () => {
    const client = clientFor(server);
    await client.leadFields();
    const view = await client.soapView.getLead(STANDARD_LEAD);
    const attributes = view.result.leadRecordList.leadRecord[0]?.leadAttributeList.attribute ?? [];
    const typeOf = (name: string) =>
      attributes.find((attribute) => attribute.attrName === name)?.attrType;
    expect(typeOf('LeadScore')).toBe('integer');
    expect(typeOf('DateofBirth')).toBe('date');
    expect(server.model.callCount('describeLead')).toBe(1);
  });

  it('throws Lead Not Found on an empty result', async () => {
    const client = clientFor(server);
    const failure = await client.soapView
      .getLead({ requestId: 'x#1', success: true, result: [] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).soapCode).toBe('20103');
    expect((failure as MarketoError).message).toBe('Lead Not Found');
  });

  it('works as a bound then callback', async () => {
    server.model.addLead({ id: 1001, email: 'ada@example.com', firstName: 'Ada' });
    const client = clientFor(server);
    const view = await client
      .getLeadById(1001, { fields: ['email', 'firstName'] })
      .then(client.soapView.getLead);
    expect(view.result.count).toBe(1);
    expect(view.result.leadRecordList.leadRecord[0]?.Email).toBe('ada@example.com');
  });
});

describe('soapView.syncLead', () => {
  const cases = [
    { name: 'created', response: SYNC_CREATED, expected: SYNC_CREATED_SOAP },
    { name: 'updated', response: SYNC_UPDATED, expected: SYNC_UPDATED_SOAP },
    { name: 'skipped', response: SYNC_SKIPPED, expected: SYNC_SKIPPED_SOAP },
  ];

  for (const testCase of cases) {
    it(`converts a ${testCase.name} record`, async () => {
      const client = clientFor(server);
      expect(await client.soapView.syncLead(testCase.response)).toEqual(testCase.expected);
      expect(server.requests).toHaveLength(0);
    });
  }

  it('returnLead reads the lead back with all fields', async () => {
    server.model.addLead({
      id: 1001,
      email: 'ada@example.com',
      firstName: 'Ada',
      customerTier: 'gold',
    });
    const client = clientFor(server);
    const view = await client.soapView.syncLead(SYNC_CREATED, { returnLead: true });

    const read = server.requests.find((request) => request.operation === 'getLeadById');
    expect(read?.path).toBe('/rest/v1/lead/1001.json');
    expect(read?.query['fields']?.split(',')).toContain('customerTier');
    expect(view.result.syncStatus.status).toBe('CREATED');
    const record = view.result.leadRecord;
    expect(record?.Id).toBe(1001);
    expect(record?.Email).toBe('ada@example.com');
    expect(record?.leadAttributeList.attribute).toContainEqual({
      attrName: 'Customer_Tier__c',
      attrType: 'string',
      attrValue: 'gold',
    });
  });

  it('returnLead of a skipped record reads nothing', async () => {
    const client = clientFor(server);
    const view = await client.soapView.syncLead(SYNC_SKIPPED, { returnLead: true });
    expect(view).toEqual(SYNC_SKIPPED_SOAP);
    expect(server.requests).toHaveLength(0);
  });

  it('throws on an empty result', async () => {
    const client = clientFor(server);
    const failure = await client.soapView
      .syncLead({ requestId: 's#9', success: true, result: [] })
      .catch((error: unknown) => error);
    expect((failure as MarketoError).code).toBe(CLIENT_ERROR_CODES.emptyResult);
    expect((failure as MarketoError).requestId).toBe('s#9');
  });
});

describe('STANDARD_LEAD_FIELDS', () => {
  it('maps REST names to SOAP names one to one', () => {
    expect(STANDARD_LEAD_FIELDS).toHaveLength(43);
    expect(new Set(STANDARD_LEAD_FIELDS.map((entry) => entry.rest)).size).toBe(43);
    expect(new Set(STANDARD_LEAD_FIELDS.map((entry) => entry.soap)).size).toBe(43);
    expect(STANDARD_LEAD_FIELDS).toContainEqual({ rest: 'dateOfBirth', soap: 'DateofBirth' });
    expect(STANDARD_LEAD_FIELDS).toContainEqual({ rest: 'sicCode', soap: 'SICCode' });
    expect(STANDARD_LEAD_FIELDS).toContainEqual({
      rest: 'jigsawContactId',
      soap: 'Marketo Jigsaw Contact Id',
    });
  });
});

describe('soapView campaign and merge views', () => {
  it('requestCampaign and scheduleCampaign give success', async () => {
    const client = clientFor(server);
    expect(await client.soapView.requestCampaign(CAMPAIGN_ACCEPTED)).toEqual(
      CAMPAIGN_ACCEPTED_SOAP,
    );
    expect(await client.soapView.scheduleCampaign(CAMPAIGN_ACCEPTED)).toEqual(
      CAMPAIGN_ACCEPTED_SOAP,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('mergeLeads takes the ids from the request', async () => {
    const client = clientFor(server);
    expect(await client.soapView.mergeLeads(MERGE_DONE, '1001', [1002, '1003'])).toEqual(
      MERGE_DONE_SOAP,
    );
  });

  it('mergeLeads reports FAILED with the error', async () => {
    const client = clientFor(server);
    expect(await client.soapView.mergeLeads(MERGE_FAILED, 1001, [1002])).toEqual(MERGE_FAILED_SOAP);
  });

  it('mergeLeads after a real merge', async () => {
    const winner = server.model.addLead({ email: 'w@example.com' });
    const loser = server.model.addLead({ email: 'l@example.com' });
    const client = clientFor(server);
    const view = await client
      .mergeLeads(winner.id, [loser.id])
      .then((response) => client.soapView.mergeLeads(response, winner.id, [loser.id]));
    expect(view.result.mergeStatus).toEqual({
      winningLeadId: winner.id,
      losingLeadIdList: { integerItem: [loser.id] },
      status: 'MERGED',
    });
  });
});

describe('soapView.listOperation', () => {
  it('one false status fails the result', async () => {
    const client = clientFor(server);
    expect(await client.soapView.listOperation(MEMBER_OF_LIST)).toEqual(MEMBER_OF_LIST_SOAP);
  });

  it('all added gives success', async () => {
    const client = clientFor(server);
    expect(await client.soapView.listOperation(ADDED_TO_LIST)).toEqual(ADDED_TO_LIST_SOAP);
  });

  it('works on a real Member of List', async () => {
    const list = server.model.records.addList('VIP');
    const lead = server.model.addLead({ email: 'v@example.com' });
    list.members.add(lead.id);
    const client = clientFor(server);
    const view = await client.memberOfList(list.id, [lead.id]).then(client.soapView.listOperation);
    expect(view.result.success).toBe(true);
    expect(view.result.statusList.leadStatus[0]?.leadKey.keyValue).toBe(String(lead.id));
  });
});
