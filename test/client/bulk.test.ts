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

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe('bulk lead import', () => {
  const CSV = 'email,firstName\nada@example.com,Ada\n,NoEmail\ngrace@example.com,Grace\n';

  it('uploads a multipart CSV with the query options', async () => {
    const list = server.model.records.addList('Imported');
    const client = clientFor(server);
    const response = await client.importLeads({ file: CSV, listId: list.id, lookupField: 'email' });
    expect(response.result[0]?.status).toBe('Queued');
    const request = requestsOf('importLeads')[0];
    expect(request?.query).toEqual({
      format: 'csv',
      lookupField: 'email',
      listId: String(list.id),
    });
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toContain(
      'Content-Disposition: form-data; name="file"; filename="import.csv"',
    );
    expect(request?.body).toContain('Content-Type: text/csv');
  });

  it('status, failures and warnings after the job ran', async () => {
    const list = server.model.records.addList('Imported');
    const client = clientFor(server);
    const [job] = (await client.importLeads({ file: CSV, listId: list.id })).result;
    const batchId = job?.batchId ?? 0;
    const statuses: string[] = [];
    for (let poll = 0; poll < 3; poll += 1) {
      statuses.push((await client.getImportLeadStatus(batchId)).result[0]?.status ?? '');
    }
    expect(statuses).toEqual(['Importing', 'Complete', 'Complete']);
    const status = (await client.getImportLeadStatus(batchId)).result[0];
    expect(status?.numOfLeadsProcessed).toBe(2);
    expect(status?.numOfRowsFailed).toBe(1);
    expect(server.model.leads.size).toBe(2);
    expect(list.members.size).toBe(2);
    const failures = await client.getImportLeadFailures(batchId);
    expect(failures.split('\n')[0]).toBe('email,firstName,Import Failure Reason');
    expect(failures).toContain(',NoEmail,');
    expect(await client.getImportLeadWarnings(batchId)).toBe(
      'email,firstName,Import Warning Reason\n',
    );
  });

  it('is not repeated after a reset', async () => {
    server.injectFault({ kind: 'reset', operation: 'importLeads', after: true });
    const client = clientFor(server);
    const failure = await client.importLeads({ file: CSV }).catch((error: unknown) => error);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(requestsOf('importLeads')).toHaveLength(1);
    expect(server.model.bulk.imports.size).toBe(1);
  });

  it('eleventh queued import gives 1016', async () => {
    const client = clientFor(server);
    for (let index = 0; index < 10; index += 1) await client.importLeads({ file: CSV });
    const failure = await client.importLeads({ file: CSV }).catch((error: unknown) => error);
    expect((failure as MarketoError).code).toBe('1016');
  });

  it('rejects a 10 MB file before any call', async () => {
    const client = clientFor(server);
    const file = `email\n${'x'.repeat(10_000_000)}`;
    await expect(client.importLeads({ file })).rejects.toThrow(/under 10000000 bytes/);
    await expect(client.importLeads({ file: ' ' })).rejects.toThrow(/non-empty/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('bulk custom object import', () => {
  it('imports rows into the object', async () => {
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
    const file = 'vin\tcolor\nV1\tred\nV2\tblue\n';
    const [job] = (await client.importCustomObjects('car_c', { file, format: 'tsv' })).result;
    expect(requestsOf('importCustomObjects')[0]?.path).toBe(
      '/bulk/v1/customobjects/car_c/import.json',
    );
    const batchId = job?.batchId ?? 0;
    await client.getImportCustomObjectStatus('car_c', batchId);
    const status = (await client.getImportCustomObjectStatus('car_c', batchId)).result[0];
    expect(status?.status).toBe('Complete');
    expect(status?.numOfObjectsProcessed).toBe(2);
    expect(server.model.objects.type('car_c').records.size).toBe(2);
    const failure = await client
      .getImportCustomObjectFailures('car_c', batchId)
      .catch((error: unknown) => error);
    expect((failure as MarketoError).httpStatus).toBe(404);
  });

  it('unknown object gives 1013', async () => {
    const client = clientFor(server);
    const failure = await client
      .importCustomObjects('nope_c', { file: 'a\n1\n' })
      .catch((error: unknown) => error);
    expect((failure as MarketoError).code).toBe('1013');
  });
});

describe('bulk export', () => {
  it('lead export runs from create to file', async () => {
    const list = server.model.records.addList('Export me');
    const ada = server.model.addLead({ email: 'ada@example.com', firstName: 'Ada' });
    server.model.addLead({ email: 'other@example.com' });
    list.members.add(ada.id);
    const client = clientFor(server);
    const created = await client.createExportLeadJob({
      fields: ['id', 'email', 'firstName', 'lastName'],
      filter: { staticListId: list.id },
    });
    const exportId = created.result[0]?.exportId ?? '';
    expect(created.result[0]?.status).toBe('Created');
    expect(JSON.parse(requestsOf('createExportLeadJob')[0]?.body ?? '')).toEqual({
      format: 'CSV',
      fields: ['id', 'email', 'firstName', 'lastName'],
      filter: { staticListId: list.id },
    });

    const early = await client.getExportLeadFile(exportId).catch((error: unknown) => error);
    expect((early as MarketoError).httpStatus).toBe(404);
    expect((await client.enqueueExportLeadJob(exportId)).result[0]?.status).toBe('Queued');
    await client.getExportLeadJobStatus(exportId);
    expect((await client.getExportLeadJobStatus(exportId)).result[0]?.status).toBe('Completed');

    const file = await client.getExportLeadFile(exportId);
    expect(file.status).toBe(200);
    const text = await readAll(file.body);
    expect(text).toBe(`id,email,firstName,lastName\n${ada.id},ada@example.com,Ada,null\n`);

    const part = await client.getExportLeadFile(exportId, { start: 0, end: 1 });
    expect(part.status).toBe(206);
    expect(part.contentRange).toBe(`bytes 0-1/${Buffer.byteLength(text)}`);
    expect(await readAll(part.body)).toBe('id');
    expect(requestsOf('getExportLeadFile').at(-1)?.headers['range']).toBe('bytes=0-1');
  });

  it('enqueue is not repeated after HTTP 502', async () => {
    const client = clientFor(server);
    const range = { startAt: '2024-01-01T00:00:00Z', endAt: '2024-01-15T00:00:00Z' };
    const created = await client.createExportActivityJob({ filter: { createdAt: range } });
    const exportId = created.result[0]?.exportId ?? '';
    server.injectFault({
      kind: 'httpError',
      status: 502,
      operation: 'enqueueExportActivityJob',
      after: true,
    });
    const failure = await client
      .enqueueExportActivityJob(exportId)
      .catch((error: unknown) => error);
    expect((failure as MarketoError).mayHaveRun).toBe(true);
    expect(requestsOf('enqueueExportActivityJob')).toHaveLength(1);
    expect((await client.cancelExportActivityJob(exportId)).result[0]?.status).toBe('Canceled');
  });

  it('activity export reads the activities in range', async () => {
    const lead = server.model.addLead({ email: 'a@example.com' });
    server.model.records.addActivity({
      leadId: lead.id,
      activityTypeId: 1,
      activityDate: '2024-01-05T00:00:00Z',
    });
    server.model.records.addActivity({
      leadId: lead.id,
      activityTypeId: 1,
      activityDate: '2024-03-05T00:00:00Z',
    });
    const client = clientFor(server);
    const range = { startAt: '2024-01-01T00:00:00Z', endAt: '2024-01-31T00:00:00Z' };
    const exportId =
      (
        await client.createExportActivityJob({
          fields: ['leadId', 'activityDate'],
          filter: { createdAt: range },
        })
      ).result[0]?.exportId ?? '';
    await client.enqueueExportActivityJob(exportId);
    await client.getExportActivityJobStatus(exportId);
    await client.getExportActivityJobStatus(exportId);
    const text = await readAll((await client.getExportActivityFile(exportId)).body);
    expect(text).toBe(`leadId,activityDate\n${lead.id},2024-01-05T00:00:00Z\n`);
  });

  it('rejects invalid filters before any call', async () => {
    const client = clientFor(server);
    const long = { startAt: '2024-01-01T00:00:00Z', endAt: '2024-03-01T00:00:00Z' };
    await expect(
      client.createExportLeadJob({ fields: ['email'], filter: { createdAt: long } }),
    ).rejects.toThrow(/more than 31 days/);
    await expect(
      client.createExportLeadJob({
        fields: ['email'],
        filter: { staticListId: 1, staticListName: 'x' } as never,
      }),
    ).rejects.toThrow(/exactly one/);
    const range = { startAt: '2024-01-01T00:00:00Z', endAt: '2024-01-02T00:00:00Z' };
    await expect(
      client.createExportActivityJob({
        filter: { createdAt: range, primaryAttributeValueIds: [1] },
      }),
    ).rejects.toThrow(/need activityTypeIds/);
    await expect(client.getExportLeadFile('../x')).rejects.toThrow(/invalid exportId/);
    expect(server.requests).toHaveLength(0);
  });
});
