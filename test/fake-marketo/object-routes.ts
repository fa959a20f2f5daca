/**
 * Routes of the fake server for opportunities, opportunity roles, custom objects and bulk jobs.
 * Each route turns HTTP parameters into a call on the model.
 */
import type { FakeMarketoModel } from './model.js';
import { ModelError } from './model.js';
import { csv } from './params.js';
import { objectBody, paging } from './record-routes.js';
import type { ApiCall, Route, RouteAnswer } from './server.js';

/**
 * Routes of one object type: describe, get, sync and delete, under `prefix`. `label` is the
 * plural of the operation names, `describeLabel` the singular of the describe operation.
 */
function objectRoutes(
  label: string,
  describeLabel: string,
  prefix: string,
  typeName: (call: ApiCall) => string,
): Route[] {
  return [
    {
      operation: `describe${describeLabel}`,
      method: 'GET',
      pattern: new RegExp(`^${prefix}/describe\\.json$`),
      handle: (model, call) => ({ result: model.objects.describe(typeName(call)) }),
    },
    {
      operation: `delete${label}`,
      method: 'POST',
      pattern: new RegExp(`^${prefix}/delete\\.json$`),
      handle: (model, call) => {
        const body = objectBody(call);
        const request: Parameters<FakeMarketoModel['objects']['delete']>[1] = {
          input: records(body),
        };
        if (typeof body['deleteBy'] === 'string') request.deleteBy = body['deleteBy'];
        return { result: model.objects.delete(typeName(call), request) };
      },
    },
    {
      operation: `get${label}`,
      method: 'GET',
      pattern: new RegExp(`^${prefix}\\.json$`),
      handle: (model, call) => getAnswer(model, typeName(call), call),
    },
    {
      operation: `sync${label}`,
      method: 'POST',
      pattern: new RegExp(`^${prefix}\\.json$`),
      handle: (model, call) => {
        const body = objectBody(call);
        const request: Parameters<FakeMarketoModel['objects']['sync']>[1] = {
          input: records(body),
        };
        if (typeof body['action'] === 'string') request.action = body['action'];
        if (typeof body['dedupeBy'] === 'string') request.dedupeBy = body['dedupeBy'];
        return { result: model.objects.sync(typeName(call), request) };
      },
    },
  ];
}

const customObjectName = (call: ApiCall) => decodeURIComponent(call.match[1] ?? '');

export const OBJECT_ROUTES: readonly Route[] = [
  ...objectRoutes(
    'OpportunityRoles',
    'OpportunityRole',
    '/rest/v1/opportunities/roles',
    () => 'opportunityRole',
  ),
  ...objectRoutes('Opportunities', 'Opportunity', '/rest/v1/opportunities', () => 'opportunity'),
  {
    operation: 'listCustomObjects',
    method: 'GET',
    pattern: /^\/rest\/v1\/customobjects\.json$/,
    handle: (model, call) => ({
      result: model.objects.customObjectTypes(csv(call.params['names'])),
    }),
  },
  ...objectRoutes(
    'CustomObjects',
    'CustomObject',
    '/rest/v1/customobjects/([^/]+)',
    customObjectName,
  ),
];

export const BULK_ROUTES: readonly Route[] = [
  {
    operation: 'importLeads',
    method: 'POST',
    pattern: /^\/bulk\/v1\/leads\.json$/,
    handle: (model, call) => {
      const request: Parameters<FakeMarketoModel['bulk']['createImport']>[0] = {
        kind: 'leads',
        file: call.upload?.content,
      };
      if (call.params['format'] !== undefined) request.format = call.params['format'];
      if (call.params['lookupField'] !== undefined)
        request.lookupField = call.params['lookupField'];
      if (call.params['listId'] !== undefined) request.listId = Number(call.params['listId']);
      const job = model.bulk.createImport(request);
      return {
        result: [{ batchId: job.batchId, importId: String(job.batchId), status: job.status }],
      };
    },
  },
  {
    operation: 'getImportLeadStatus',
    method: 'GET',
    pattern: /^\/bulk\/v1\/leads\/batch\/(\d+)\.json$/,
    handle: (model, call) => {
      const job = model.bulk.importStatus(Number(call.match[1]));
      return {
        result: [
          {
            batchId: job.batchId,
            status: job.status,
            numOfLeadsProcessed: job.processed,
            numOfRowsFailed: job.failures.length,
            numOfRowsWithWarning: job.warnings.length,
            message: `${job.processed} records imported, ${job.failures.length} failed`,
          },
        ],
      };
    },
  },
  {
    operation: 'getImportLeadFailures',
    method: 'GET',
    pattern: /^\/bulk\/v1\/leads\/batch\/(\d+)\/failures\.json$/,
    handle: (model, call) => fileAnswer(model.bulk.importFile(Number(call.match[1]), 'failures')),
  },
  {
    operation: 'getImportLeadWarnings',
    method: 'GET',
    pattern: /^\/bulk\/v1\/leads\/batch\/(\d+)\/warnings\.json$/,
    handle: (model, call) => fileAnswer(model.bulk.importFile(Number(call.match[1]), 'warnings')),
  },
  {
    operation: 'importCustomObjects',
    method: 'POST',
    pattern: /^\/bulk\/v1\/customobjects\/([^/]+)\/import\.json$/,
    handle: (model, call) => {
      const request: Parameters<FakeMarketoModel['bulk']['createImport']>[0] = {
        kind: 'customObject',
        objectApiName: customObjectName(call),
        file: call.upload?.content,
      };
      if (call.params['format'] !== undefined) request.format = call.params['format'];
      const job = model.bulk.createImport(request);
      return { result: [{ batchId: job.batchId, status: job.status }] };
    },
  },
  {
    operation: 'getImportCustomObjectStatus',
    method: 'GET',
    pattern: /^\/bulk\/v1\/customobjects\/([^/]+)\/import\/(\d+)\/status\.json$/,
    handle: (model, call) => {
      const job = model.bulk.importStatus(Number(call.match[2]), customObjectName(call));
      return {
        result: [
          {
            batchId: job.batchId,
            operation: 'import',
            status: job.status,
            objectApiName: job.objectApiName,
            numOfObjectsProcessed: job.processed,
            numOfRowsFailed: job.failures.length,
            numOfRowsWithWarning: job.warnings.length,
          },
        ],
      };
    },
  },
  {
    operation: 'getImportCustomObjectFailures',
    method: 'GET',
    pattern: /^\/bulk\/v1\/customobjects\/([^/]+)\/import\/(\d+)\/failures\.json$/,
    handle: (model, call) =>
      fileAnswer(model.bulk.importFile(Number(call.match[2]), 'failures', customObjectName(call))),
  },
  {
    operation: 'getImportCustomObjectWarnings',
    method: 'GET',
    pattern: /^\/bulk\/v1\/customobjects\/([^/]+)\/import\/(\d+)\/warnings\.json$/,
    handle: (model, call) =>
      fileAnswer(model.bulk.importFile(Number(call.match[2]), 'warnings', customObjectName(call))),
  },
  ...exportRoutes('Lead', 'leads'),
  ...exportRoutes('Activity', 'activities'),
];

function exportRoutes(title: string, kind: 'leads' | 'activities'): Route[] {
  const base = `/bulk/v1/${kind}/export`;
  const jobAnswer = (job: ReturnType<FakeMarketoModel['bulk']['exportJob']>): RouteAnswer => ({
    result: [
      {
        exportId: job.exportId,
        format: job.format,
        status: job.status,
        createdAt: job.createdAt,
        ...(job.file === undefined ? {} : { fileSize: Buffer.byteLength(job.file) }),
      },
    ],
  });
  return [
    {
      operation: `createExport${title}Job`,
      method: 'POST',
      pattern: new RegExp(`^${base}/create\\.json$`),
      handle: (model, call) => jobAnswer(model.bulk.createExport(kind, objectBody(call))),
    },
    {
      operation: `enqueueExport${title}Job`,
      method: 'POST',
      pattern: new RegExp(`^${base}/([\\w-]+)/enqueue\\.json$`),
      handle: (model, call) => jobAnswer(model.bulk.enqueueExport(kind, call.match[1] ?? '')),
    },
    {
      operation: `getExport${title}JobStatus`,
      method: 'GET',
      pattern: new RegExp(`^${base}/([\\w-]+)/status\\.json$`),
      handle: (model, call) => jobAnswer(model.bulk.exportStatus(kind, call.match[1] ?? '')),
    },
    {
      operation: `cancelExport${title}Job`,
      method: 'POST',
      pattern: new RegExp(`^${base}/([\\w-]+)/cancel\\.json$`),
      handle: (model, call) => jobAnswer(model.bulk.cancelExport(kind, call.match[1] ?? '')),
    },
    {
      operation: `getExport${title}File`,
      method: 'GET',
      pattern: new RegExp(`^${base}/([\\w-]+)/file\\.json$`),
      handle: (model, call) => {
        const job = model.bulk.exportJob(kind, call.match[1] ?? '');
        if (job.status !== 'Completed' || job.file === undefined) {
          return {
            file: { contentType: 'text/plain', text: 'Export file not found', status: 404 },
          };
        }
        return rangeAnswer(job.file, call.headers['range']);
      },
    },
  ];
}

// Serves `bytes=a-b` and `bytes=a-` ranges with 206, as Marketo does for export files.
function rangeAnswer(text: string, range: string | string[] | undefined): RouteAnswer {
  const bytes = Buffer.from(text);
  const match = typeof range === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (match === null) return { file: { contentType: 'text/csv', text } };
  const start = Number(match[1]);
  const end = match[2] === '' || match[2] === undefined ? bytes.length - 1 : Number(match[2]);
  const part = bytes.subarray(start, end + 1).toString('utf8');
  return {
    file: {
      contentType: 'text/csv',
      text: part,
      status: 206,
      headers: { 'Content-Range': `bytes ${start}-${end}/${bytes.length}` },
    },
  };
}

function fileAnswer(text: string | undefined): RouteAnswer {
  if (text === undefined)
    return { file: { contentType: 'text/plain', text: 'Not found', status: 404 } };
  return { file: { contentType: 'text/csv', text } };
}

function records(body: Record<string, unknown>): Record<string, unknown>[] {
  const input = body['input'];
  if (!Array.isArray(input)) throw new ModelError('1003', 'input is required');
  return input as Record<string, unknown>[];
}

function getAnswer(model: FakeMarketoModel, typeName: string, call: ApiCall): RouteAnswer {
  const body = call.json as Record<string, unknown> | undefined;
  const request: Parameters<FakeMarketoModel['objects']['get']>[1] = {
    filterType:
      call.params['filterType'] ??
      (typeof body?.['filterType'] === 'string' ? body['filterType'] : ''),
    ...paging(call),
  };
  const values = csv(call.params['filterValues']);
  if (values !== undefined) request.filterValues = values;
  const fields =
    csv(call.params['fields']) ??
    (Array.isArray(body?.['fields']) ? body['fields'].map(String) : undefined);
  if (fields !== undefined) request.fields = fields;
  if (Array.isArray(body?.['input'])) request.input = body['input'] as Record<string, unknown>[];
  if (typeof body?.['batchSize'] === 'number') request.batchSize = body['batchSize'];
  if (typeof body?.['nextPageToken'] === 'string') request.nextPageToken = body['nextPageToken'];
  const page = model.objects.get(typeName, request);
  const answer: RouteAnswer = {
    result: page.records,
    moreResult: page.nextPageToken !== undefined,
  };
  if (page.nextPageToken !== undefined) answer.nextPageToken = page.nextPageToken;
  return answer;
}
