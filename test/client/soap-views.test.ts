import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, MarketoError } from '../../src/client/index.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, startServer } from './helpers.js';
import {
  BLOG_CHANNEL,
  BLOG_CHANNEL_SOAP,
  CAR_SYNC_SOAP,
  FIELD_CHANGES,
  FIELD_CHANGES_SOAP,
  IMPORT_COMPLETE,
  IMPORT_COMPLETE_SOAP,
  IMPORT_QUEUED,
  IMPORT_QUEUED_SOAP,
  LEADS_PAGE,
  LEADS_PAGE_SOAP,
  OPPORTUNITY_DESCRIBE,
  OPPORTUNITY_DESCRIBE_SOAP,
  OPPORTUNITY_WRITES,
  OPPORTUNITY_WRITES_SOAP,
  REGION_TAG,
  REGION_TAG_SOAP,
  REQUESTABLE_CAMPAIGNS,
  REQUESTABLE_CAMPAIGNS_SOAP,
  SYNC_MIXED,
  SYNC_MIXED_SOAP,
  VISIT_ACTIVITIES,
  VISIT_ACTIVITIES_SOAP,
} from './soap-shapes.js';

let server: FakeMarketoServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

describe('soapView lead views', () => {
  it('getMultipleLeads converts one page', async () => {
    const client = clientFor(server);
    expect(await client.soapView.getMultipleLeads(LEADS_PAGE)).toEqual(LEADS_PAGE_SOAP);
    expect(server.requests).toHaveLength(0);
  });

  it('getMultipleLeads last page has remainingCount 0', async () => {
    const client = clientFor(server);
    const empty = { requestId: 'g#2', success: true, result: [] };
    const view = await client.soapView.getMultipleLeads(empty);
    expect(view.result.returnCount).toBe(0);
    expect(view.result.remainingCount).toBe(0);
    expect(view.result.newStreamPosition).toBeUndefined();
    expect(view.result.leadRecordList.leadRecord).toEqual([]);
  });

  it('getMultipleLeads after a real list read', async () => {
    const list = server.model.records.addList('VIP');
    const lead = server.model.addLead({ email: 'v@example.com', customerTier: 'gold' });
    list.members.add(lead.id);
    const client = clientFor(server);
    const view = await client
      .getLeadsByListId(list.id, { fields: ['email', 'customerTier'] })
      .then(client.soapView.getMultipleLeads);
    const record = view.result.leadRecordList.leadRecord[0];
    expect(record?.Id).toBe(lead.id);
    expect(record?.leadAttributeList.attribute).toContainEqual({
      attrName: 'Customer_Tier__c',
      attrType: 'string',
      attrValue: 'gold',
    });
  });

  it('syncMultipleLeads keeps input order', async () => {
    const client = clientFor(server);
    expect(await client.soapView.syncMultipleLeads(SYNC_MIXED)).toEqual(SYNC_MIXED_SOAP);
  });
});

describe('soapView asset views', () => {
  it('getCampaignsForSource converts campaigns', async () => {
    const client = clientFor(server);
    const view = await client.soapView.getCampaignsForSource(REQUESTABLE_CAMPAIGNS);
    expect(view).toEqual(REQUESTABLE_CAMPAIGNS_SOAP);
  });

  it('getChannels gives text attribs', async () => {
    const client = clientFor(server);
    expect(await client.soapView.getChannels(BLOG_CHANNEL)).toEqual(BLOG_CHANNEL_SOAP);
  });

  it('getChannels after a real read', async () => {
    server.model.assets.addChannel('Webinar', [
      ['Invited', false],
      ['Attended', true],
    ]);
    const client = clientFor(server);
    const view = await client.getChannelByName('Webinar').then(client.soapView.getChannels);
    const [status] = view.result.tags.tagStatus;
    expect(status?.tagValue).toBe('Webinar');
    const attended = status?.statusList.progressionStatusItem[1]?.progressionStatus.attrib;
    expect(attended).toContainEqual({ name: 'Success', value: 'true' });
  });

  it('getTags parses allowableValues', async () => {
    const client = clientFor(server);
    expect(await client.soapView.getTags(REGION_TAG)).toEqual(REGION_TAG_SOAP);
    expect(server.requests).toHaveLength(0);
  });

  it('getTags reads values of listed types', async () => {
    server.model.assets.addTagType('Region', ['EMEA', 'APAC']);
    server.model.assets.addTagType('Product Line', ['Cloud']);
    const client = clientFor(server);
    const view = await client.getTagTypes({ maxReturn: 200 }).then(client.soapView.getTags);
    expect(view.result.tagList.tag).toEqual([
      { type: 'Region', values: { stringItem: ['EMEA', 'APAC'] } },
      { type: 'Product Line', values: { stringItem: ['Cloud'] } },
    ]);
    expect(server.model.callCount('getTagByName')).toBe(2);
  });
});

describe('soapView import views', () => {
  it('importToList keeps the batch id', async () => {
    const client = clientFor(server);
    expect(await client.soapView.importToList(IMPORT_QUEUED)).toEqual(IMPORT_QUEUED_SOAP);
  });

  it('getImportToListStatus maps the counters', async () => {
    const client = clientFor(server);
    const view = await client.soapView.getImportToListStatus(IMPORT_COMPLETE);
    expect(view).toEqual(IMPORT_COMPLETE_SOAP);
  });

  it('import statuses map to SOAP statuses', async () => {
    const client = clientFor(server);
    const cases = [
      { rest: 'Queued', soap: 'PROCESSING' },
      { rest: 'Importing', soap: 'PROCESSING' },
      { rest: 'Complete', soap: 'COMPLETE' },
      { rest: 'Failed', soap: 'FAILED' },
    ] as const;
    for (const testCase of cases) {
      const result = [{ batchId: 1, status: testCase.rest }];
      const response = { requestId: 'i#3', success: true, result };
      const view = await client.soapView.importToList(response);
      expect(view.result.importStatus, testCase.rest).toBe(testCase.soap);
    }
  });

  it('importToList throws on an empty result', async () => {
    const client = clientFor(server);
    const failure = await client.soapView
      .importToList({ requestId: 'i#4', success: true, result: [] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe(CLIENT_ERROR_CODES.emptyResult);
  });

  it('importToList after a real import', async () => {
    const list = server.model.records.addList('Booth Visitors');
    const client = clientFor(server);
    const view = await client
      .importLeads({ file: 'email\na@example.com\n', listId: list.id })
      .then(client.soapView.importToList);
    expect(view.result.importStatus).toBe('PROCESSING');
    const status = await client
      .getImportLeadStatus(view.result.batchId)
      .then(client.soapView.getImportToListStatus);
    expect(status.result.status).toBe('PROCESSING');
  });
});

describe('soapView.describeMObject', () => {
  it('converts an opportunity describe', async () => {
    const client = clientFor(server);
    const view = await client.soapView.describeMObject(OPPORTUNITY_DESCRIBE, 'Opportunity');
    expect(view).toEqual(OPPORTUNITY_DESCRIBE_SOAP);
  });

  it('LeadRecord uses SOAP names only', async () => {
    const client = clientFor(server);
    const view = await client
      .describeLead()
      .then((response) => client.soapView.describeMObject(response, 'LeadRecord'));
    const names = view.result.metadata.fieldList.field.map((field) => field.name);
    expect(view.result.metadata.name).toBe('LeadRecord');
    expect(names).toContain('Customer_Tier__c');
    expect(names).toContain('SoapScore__c');
    expect(names).not.toContain('createdAt');
    const id = view.result.metadata.fieldList.field.find((field) => field.name === 'Id');
    expect(id?.isPrimaryKey).toBe(true);
    expect(id?.isReadonly).toBe(true);
  });

  it('ActivityRecord lists type attributes', async () => {
    const client = clientFor(server);
    const view = await client
      .getActivityTypes()
      .then((response) => client.soapView.describeMObject(response, 'ActivityRecord'));
    const names = view.result.metadata.fieldList.field.map((field) => field.name);
    expect(names).toContain('Webpage URL');
    expect(names).toContain('Reason');
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects an unknown object name', async () => {
    const client = clientFor(server);
    const view = client.soapView.describeMObject as (
      response: unknown,
      objectName: string,
    ) => Promise<unknown>;
    await expect(view(OPPORTUNITY_DESCRIBE, 'Company')).rejects.toThrow(TypeError);
  });
});

describe('soapView object views', () => {
  it('syncMObjects orders by seq', async () => {
    const client = clientFor(server);
    const view = await client.soapView.syncMObjects(OPPORTUNITY_WRITES, 'Opportunity');
    expect(view).toEqual(OPPORTUNITY_WRITES_SOAP);
  });

  it('deleteMObjects after a real delete', async () => {
    const client = clientFor(server);
    await client.syncOpportunities({ input: [{ externalOpportunityId: 'D-1', name: 'Deal' }] });
    const view = await client
      .deleteOpportunities({ input: [{ externalOpportunityId: 'D-1' }] })
      .then((response) => client.soapView.deleteMObjects(response, 'Opportunity'));
    expect(view.result.mObjStatusList.mObjStatus[0]?.status).toBe('DELETED');
  });

  it('getMObjects converts opportunities', async () => {
    const client = clientFor(server);
    const response = {
      requestId: 'o#2',
      success: true,
      moreResult: true,
      nextPageToken: 'NEXT',
      result: [
        {
          marketoGUID: 'guid-9',
          externalOpportunityId: 'D-9',
          name: 'Deal',
          amount: 1200,
          updatedAt: '2024-01-01T00:00:00Z',
        },
      ],
    };
    const view = await client.soapView.getMObjects(response, 'Opportunity');
    expect(view.result).toEqual({
      returnCount: 1,
      hasMore: true,
      newStreamPosition: 'NEXT',
      mObjectList: {
        mObject: [
          {
            type: 'Opportunity',
            externalKey: { name: 'externalOpportunityId', value: 'D-9' },
            updatedAt: '2024-01-01T00:00:00Z',
            attribList: {
              attrib: [
                { name: 'marketoGUID', value: 'guid-9' },
                { name: 'name', value: 'Deal' },
                { name: 'amount', value: '1200' },
              ],
            },
          },
        ],
      },
    });
  });

  it('getMObjects gives program tags and costs', async () => {
    const client = clientFor(server);
    const response = {
      requestId: 'p#1',
      success: true,
      result: [
        {
          id: 1010,
          name: 'Webinar 2024',
          channel: 'Webinar',
          tags: [{ tagType: 'Region', tagValue: 'EMEA' }],
          costs: [{ startDate: '2024-06-01', cost: 500, note: 'Venue' }],
        },
      ],
    };
    const view = await client.soapView.getMObjects(response, 'Program');
    const program = view.result.mObjectList.mObject[0];
    expect(program?.id).toBe(1010);
    expect(program?.attribList.attrib).toEqual([
      { name: 'name', value: 'Webinar 2024' },
      { name: 'channel', value: 'Webinar' },
    ]);
    expect(program?.typeAttribList?.typeAttrib).toEqual([
      {
        attrType: 'Tag',
        attrList: {
          attrib: [
            { name: 'Type', value: 'Region' },
            { name: 'Value', value: 'EMEA' },
          ],
        },
      },
      {
        attrType: 'Cost',
        attrList: {
          attrib: [
            { name: 'Month', value: '2024-06' },
            { name: 'Amount', value: '500' },
            { name: 'Note', value: 'Venue' },
          ],
        },
      },
    ]);
  });

  it('getCustomObjects splits key fields', async () => {
    server.model.objects.defineType(
      'car_c',
      'Car',
      ['vin'],
      [
        { name: 'vin', dataType: 'string' },
        { name: 'color', dataType: 'string' },
      ],
    );
    const client = clientFor(server);
    await client.syncCustomObjects('car_c', {
      action: 'createOrUpdate',
      input: [{ vin: 'V1', color: 'red' }],
    });
    const read = () =>
      client
        .getCustomObjects('car_c', {
          filterType: 'vin',
          filterValues: ['V1'],
          fields: ['vin', 'color'],
        })
        .then((response) => client.soapView.getCustomObjects(response, 'car_c'));
    const view = await read();
    const [car] = view.result.customObjList.customObj;
    expect(view.result.objTypeName).toBe('car_c');
    expect(view.result.remainingCount).toBe(0);
    expect(car?.customObjKeyList.attribute).toEqual([{ attrName: 'vin', attrValue: 'V1' }]);
    expect(car?.customObjAttributeList.attribute).toContainEqual({
      attrName: 'color',
      attrValue: 'red',
    });
    const names = car?.customObjAttributeList.attribute.map((attribute) => attribute.attrName);
    expect(names).not.toContain('seq');
    await read();
    expect(server.model.callCount('describeCustomObject')).toBe(1);
  });

  it('syncCustomObjects keys by GUID', async () => {
    const client = clientFor(server);
    const view = await client.soapView.syncCustomObjects(OPPORTUNITY_WRITES, 'car_c');
    expect(view).toEqual(CAR_SYNC_SOAP);
  });

  it('deleteCustomObjects uses its own list key', async () => {
    const client = clientFor(server);
    const view = await client.soapView.deleteCustomObjects(OPPORTUNITY_WRITES, 'car_c');
    expect(view.result.deleteCustomObjStatusList.syncCustomObjStatus).toEqual(
      CAR_SYNC_SOAP.result.syncCustomObjStatusList.syncCustomObjStatus,
    );
  });
});

describe('soapView activity views', () => {
  it('getLeadActivity names the types', async () => {
    const client = clientFor(server);
    expect(await client.soapView.getLeadActivity(VISIT_ACTIVITIES)).toEqual(VISIT_ACTIVITIES_SOAP);
    expect(server.model.callCount('getActivityTypes')).toBe(1);
  });

  it('getLeadChanges gives one record per field', async () => {
    const client = clientFor(server);
    expect(await client.soapView.getLeadChanges(FIELD_CHANGES)).toEqual(FIELD_CHANGES_SOAP);
  });

  it('getLeadChanges accepts activities', async () => {
    const client = clientFor(server);
    const view = await client.soapView.getLeadChanges(VISIT_ACTIVITIES);
    const [record] = view.result.leadChangeRecordList.leadChangeRecord;
    expect(record?.activityType).toBe('Visit Webpage');
    expect(record?.mktgAssetName).toBe('pricing.html');
    expect(server.model.callCount('describeLead')).toBe(0);
  });

  it('empty pages read nothing', async () => {
    const client = clientFor(server);
    const empty = { requestId: 'a#2', success: true, result: [] };
    const view = await client.soapView.getLeadActivity(empty);
    expect(view.leadActivityList.returnCount).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
