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

function addLeads(count: number): number[] {
  return Array.from(
    { length: count },
    (_, index) => server.model.addLead({ email: `lead${index}@example.com` }).id,
  );
}

function requestsOf(operation: string) {
  return server.requests.filter((request) => request.operation === operation);
}

describe('static lists', () => {
  it('getLists filters by name and program', async () => {
    const wanted = server.model.records.addList('Webinar', 'Events');
    server.model.records.addList('Webinar', 'Other');
    const client = clientFor(server);
    const response = await client.getLists({ name: ['Webinar'], programName: ['Events'] });
    expect(requestsOf('getLists')[0]?.query).toEqual({ name: 'Webinar', programName: 'Events' });
    expect(response.result.map((list) => list.id)).toEqual([wanted.id]);
  });

  it('iterateLists follows nextPageToken', async () => {
    for (let index = 0; index < 5; index += 1) server.model.records.addList(`List ${index}`);
    const client = clientFor(server);
    const names: string[] = [];
    for await (const list of client.iterateLists({ batchSize: 2 })) names.push(list.name);
    expect(names).toEqual(['List 0', 'List 1', 'List 2', 'List 3', 'List 4']);
    expect(requestsOf('getLists')).toHaveLength(3);
  });

  it('addToList splits 650 ids into calls of 300', async () => {
    const list = server.model.records.addList('Big');
    const ids = addLeads(650);
    const client = clientFor(server);
    const response = await client.addToList(list.id, ids);
    const bodies = requestsOf('addToList').map(
      (request) => JSON.parse(request.body) as { input: { id: number }[] },
    );
    expect(bodies.map((body) => body.input.length)).toEqual([300, 300, 50]);
    expect(response.result.map((entry) => entry.id)).toEqual(ids);
    expect(response.result.every((entry) => entry.status === 'added')).toBe(true);
    expect(list.members.size).toBe(650);
  });

  it('addToList returns skipped leads', async () => {
    const list = server.model.records.addList('Small');
    const [id] = addLeads(1);
    const client = clientFor(server);
    const response = await client.addToList(list.id, [id ?? 0, 999_999]);
    expect(response.result[0]?.status).toBe('added');
    expect(response.result[1]).toEqual({
      id: 999_999,
      status: 'skipped',
      reasons: [{ code: '1004', message: 'Lead not found' }],
    });
  });

  it('removeFromList sends DELETE with a body', async () => {
    const list = server.model.records.addList('Small');
    const ids = addLeads(2);
    for (const id of ids) list.members.add(id);
    const client = clientFor(server);
    const response = await client.removeFromList(list.id, [ids[0] ?? 0]);
    const request = requestsOf('removeFromList')[0];
    expect(request?.method).toBe('DELETE');
    expect(JSON.parse(request?.body ?? '')).toEqual({ input: [{ id: ids[0] }] });
    expect(response.result[0]?.status).toBe('removed');
    expect([...list.members]).toEqual([ids[1]]);
  });

  it('memberOfList reports each id', async () => {
    const list = server.model.records.addList('Small');
    const ids = addLeads(2);
    list.members.add(ids[0] ?? 0);
    const client = clientFor(server);
    const response = await client.memberOfList(list.id, ids);
    expect(requestsOf('memberOfList')[0]?.query).toEqual({ id: ids.join(',') });
    expect(response.result.map((entry) => entry.status)).toEqual(['memberof', 'notmemberof']);
  });

  it('unknown list gives MarketoError 1013', async () => {
    const ids = addLeads(1);
    const client = clientFor(server);
    const failure = await client.addToList(424_242, ids).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe('1013');
  });

  it('invalid list id rejects before any call', async () => {
    const client = clientFor(server);
    await expect(client.addToList('abc', [1])).rejects.toThrow(/invalid list id "abc"/);
    await expect(client.addToList(1, [])).rejects.toThrow(/leadIds must contain/);
    expect(server.requests).toHaveLength(0);
  });

  it('iterateLeadsByListId reads every member', async () => {
    const list = server.model.records.addList('Members');
    const ids = addLeads(5);
    for (const id of ids) list.members.add(id);
    const client = clientFor(server);
    const emails: unknown[] = [];
    for await (const lead of client.iterateLeadsByListId(list.id, {
      fields: ['email'],
      batchSize: 2,
    })) {
      emails.push(lead['email']);
    }
    expect(emails).toEqual(ids.map((id) => server.model.leads.get(id)?.['email']));
    expect(requestsOf('getLeadsByListId')).toHaveLength(3);
    expect(requestsOf('getLeadsByListId')[0]?.query).toEqual({ fields: 'email', batchSize: '2' });
  });
});

describe('program members', () => {
  it('getLeadsByProgramId returns membership', async () => {
    const [id] = addLeads(1);
    server.model.records.addProgramMember(1044, id ?? 0, 'Registered');
    const client = clientFor(server);
    const response = await client.getLeadsByProgramId(1044, { fields: ['email'] });
    expect(requestsOf('getLeadsByProgramId')[0]?.path).toBe('/rest/v1/leads/programs/1044.json');
    expect(response.result[0]?.id).toBe(id);
    expect(response.result[0]?.membership.progressionStatus).toBe('Registered');
  });
});

describe('mergeLeads', () => {
  it('merges losers and keeps winner values', async () => {
    const winner = server.model.addLead({ email: 'w@example.com', firstName: 'Win' });
    const loser = server.model.addLead({ email: 'l@example.com', firstName: 'Lose', city: 'Oslo' });
    const client = clientFor(server);
    const response = await client.mergeLeads(winner.id, [loser.id], { mergeInCRM: false });
    expect(response.success).toBe(true);
    const request = requestsOf('mergeLeads')[0];
    expect(request?.query).toEqual({ leadIds: String(loser.id), mergeInCRM: 'false' });
    expect(server.model.leads.has(loser.id)).toBe(false);
    expect(server.model.leads.get(winner.id)?.['firstName']).toBe('Win');
    expect(server.model.leads.get(winner.id)?.['city']).toBe('Oslo');
  });

  it('splits 60 losers into calls of 25', async () => {
    const [winner, ...losers] = addLeads(61);
    const client = clientFor(server);
    await client.mergeLeads(winner ?? 0, losers);
    const sizes = requestsOf('mergeLeads').map(
      (request) => request.query['leadIds']?.split(',').length,
    );
    expect(sizes).toEqual([25, 25, 10]);
    expect(server.model.leads.size).toBe(1);
  });

  it('is not repeated after a 611', async () => {
    const [winner, loser] = addLeads(2);
    server.injectFault({ kind: 'restError', code: '611', operation: 'mergeLeads', after: true });
    const client = clientFor(server);
    const failure = await client.mergeLeads(winner ?? 0, [loser ?? 0]).catch((e: unknown) => e);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(requestsOf('mergeLeads')).toHaveLength(1);
  });

  it('rejects the winner among losers', async () => {
    const client = clientFor(server);
    await expect(client.mergeLeads(5, [5])).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('submitForm, describeLead2, partitions', () => {
  it('submitForm upserts and logs the form fill', async () => {
    server.model.records.addForm(77, ['firstName']);
    const client = clientFor(server);
    const response = await client.submitForm({
      formId: 77,
      input: [
        { leadFormFields: { email: 'f@example.com', firstName: 'Fay' } },
        { leadFormFields: { email: 'g@example.com', company: 'Acme' } },
      ],
    });
    expect(response.result[0]?.status).toBe('created');
    expect(response.result[1]?.status).toBe('skipped');
    expect(response.result[1]?.reasons?.[0]?.code).toBe('1006');
    const fills = server.model.records.activities.filter((entry) => entry.activityTypeId === 2);
    expect(fills).toHaveLength(1);
  });

  it('submitForm requires email before any call', async () => {
    const client = clientFor(server);
    const request = { formId: 77, input: [{ leadFormFields: { email: '' } }] };
    await expect(client.submitForm(request)).rejects.toThrow(/email is missing/);
    expect(server.requests).toHaveLength(0);
  });

  it('describeLead2 lists searchable fields', async () => {
    const client = clientFor(server);
    const response = await client.describeLead2();
    const [lead] = response.result;
    expect(lead?.name).toBe('API Lead');
    expect(lead?.searchableFields).toContainEqual(['email']);
    expect(lead?.fields.find((entry) => entry.name === 'region')?.updateable).toBe(true);
  });

  it('getLeadPartitions returns partitions', async () => {
    const client = clientFor(server);
    const response = await client.getLeadPartitions();
    expect(response.result).toEqual([
      { id: 1, name: 'Default', description: 'Initial system lead partition' },
    ]);
  });
});
