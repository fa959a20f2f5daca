/**
 * Bulk jobs of the fake instance: lead and custom object imports, lead and activity exports.
 * Jobs move one state forward each time their status is read, so tests control progress
 * without waiting. Like the model, it has no HTTP concepts.
 */
import type { FakeMarketoModel } from './model.js';

/** Jobs that may wait in a queue at once, the running ones included. */
const MAX_QUEUED_JOBS = 10;
const DELIMITERS: Readonly<Record<string, string>> = { csv: ',', tsv: '\t', ssv: ';' };

export interface FakeImportJob {
  batchId: number;
  kind: 'leads' | 'customObject';
  objectApiName?: string;
  format: string;
  status: 'Queued' | 'Importing' | 'Complete' | 'Failed';
  header: string[];
  rows: string[][];
  lookupField: string;
  listId?: number;
  processed: number;
  failures: string[];
  warnings: string[];
}

export interface FakeExportJob {
  exportId: string;
  kind: 'leads' | 'activities';
  format: string;
  status: 'Created' | 'Queued' | 'Processing' | 'Canceled' | 'Completed' | 'Failed';
  fields: string[];
  filter: Record<string, unknown>;
  createdAt: string;
  file?: string;
}

export class FakeBulkRecords {
  readonly imports = new Map<number, FakeImportJob>();
  readonly exports = new Map<string, FakeExportJob>();
  private nextBatchId = 3400;
  private nextExportId = 1;

  constructor(private readonly model: FakeMarketoModel) {}

  /** Queues an import of the uploaded file. Throws 1016 past 10 unfinished jobs. */
  createImport(request: {
    kind: FakeImportJob['kind'];
    objectApiName?: string;
    format?: string;
    file: string | undefined;
    lookupField?: string;
    listId?: number;
  }): FakeImportJob {
    const format = request.format ?? 'csv';
    const delimiter = DELIMITERS[format];
    if (delimiter === undefined) this.model.reject('1003', `Invalid format '${format}'`);
    if (request.file === undefined) this.model.reject('613', 'Invalid multipart request: no file');
    if (request.kind === 'customObject') this.model.objects.type(request.objectApiName ?? '');
    if (request.listId !== undefined && !this.model.records.lists.has(request.listId)) {
      this.model.reject('1013', `Static list ${request.listId} not found`);
    }
    const unfinished = [...this.imports.values()].filter(
      (job) => job.status === 'Queued' || job.status === 'Importing',
    );
    if (unfinished.length >= MAX_QUEUED_JOBS) this.model.reject('1016', 'Too many imports');
    const [headerLine = '', ...lines] = request.file.split(/\r?\n/).filter((line) => line !== '');
    const job: FakeImportJob = {
      batchId: this.nextBatchId++,
      kind: request.kind,
      format,
      status: 'Queued',
      header: headerLine.split(delimiter),
      rows: lines.map((line) => line.split(delimiter)),
      lookupField: request.lookupField ?? 'email',
      processed: 0,
      failures: [],
      warnings: [],
    };
    if (request.objectApiName !== undefined) job.objectApiName = request.objectApiName;
    if (request.listId !== undefined) job.listId = request.listId;
    this.imports.set(job.batchId, job);
    return job;
  }

  /** Returns the job after moving it one state on: Queued, Importing, then Complete. */
  importStatus(batchId: number, objectApiName?: string): FakeImportJob {
    const job = this.imports.get(batchId);
    if (job === undefined || job.objectApiName !== objectApiName) {
      this.model.reject('1013', `Import ${batchId} not found`);
    }
    if (job.status === 'Importing') this.runImport(job);
    if (job.status === 'Queued') job.status = 'Importing';
    return job;
  }

  /** Returns the failure or warning file of a finished import, or undefined without one. */
  importFile(
    batchId: number,
    fileKind: 'failures' | 'warnings',
    objectApiName?: string,
  ): string | undefined {
    const job = this.imports.get(batchId);
    if (job === undefined || job.objectApiName !== objectApiName) {
      this.model.reject('1013', `Import ${batchId} not found`);
    }
    const rows = fileKind === 'failures' ? job.failures : job.warnings;
    if (rows.length === 0 && job.kind === 'customObject') return undefined;
    const delimiter = DELIMITERS[job.format] ?? ',';
    const reason = fileKind === 'failures' ? 'Import Failure Reason' : 'Import Warning Reason';
    return [[...job.header, reason].join(delimiter), ...rows].join('\n') + '\n';
  }

  createExport(kind: FakeExportJob['kind'], body: Record<string, unknown>): FakeExportJob {
    const filter = body['filter'];
    if (typeof filter !== 'object' || filter === null)
      this.model.reject('1003', 'filter is required');
    const fields = Array.isArray(body['fields']) ? body['fields'].map(String) : [];
    if (kind === 'leads' && fields.length === 0) this.model.reject('1003', 'fields is required');
    const exportId = `export-${this.nextExportId++}`;
    const job: FakeExportJob = {
      exportId,
      kind,
      format: typeof body['format'] === 'string' ? body['format'] : 'CSV',
      status: 'Created',
      fields:
        fields.length > 0 ? fields : ['marketoGUID', 'leadId', 'activityDate', 'activityTypeId'],
      filter: filter as Record<string, unknown>,
      createdAt: new Date(this.model.clock.now()).toISOString(),
    };
    this.exports.set(exportId, job);
    return job;
  }

  /** Queues a created job. Throws 1029 for a job that is not in state Created. */
  enqueueExport(kind: FakeExportJob['kind'], exportId: string): FakeExportJob {
    const job = this.exportJob(kind, exportId);
    if (job.status !== 'Created') this.model.reject('1029', 'Export job already queued');
    const queued = [...this.exports.values()].filter(
      (entry) => entry.status === 'Queued' || entry.status === 'Processing',
    );
    if (queued.length >= MAX_QUEUED_JOBS) this.model.reject('1029', 'Too many jobs in queue');
    job.status = 'Queued';
    return job;
  }

  /** Returns the job after moving it one state on: Queued, Processing, then Completed. */
  exportStatus(kind: FakeExportJob['kind'], exportId: string): FakeExportJob {
    const job = this.exportJob(kind, exportId);
    if (job.status === 'Processing') {
      job.file = this.buildExportFile(job);
      job.status = 'Completed';
    }
    if (job.status === 'Queued') job.status = 'Processing';
    return job;
  }

  cancelExport(kind: FakeExportJob['kind'], exportId: string): FakeExportJob {
    const job = this.exportJob(kind, exportId);
    if (job.status !== 'Completed' && job.status !== 'Failed') job.status = 'Canceled';
    return job;
  }

  exportJob(kind: FakeExportJob['kind'], exportId: string): FakeExportJob {
    const job = this.exports.get(exportId);
    if (job === undefined || job.kind !== kind)
      this.model.reject('1013', `Export ${exportId} not found`);
    return job;
  }

  private runImport(job: FakeImportJob): void {
    const delimiter = DELIMITERS[job.format] ?? ',';
    for (const row of job.rows) {
      const record: Record<string, unknown> = {};
      job.header.forEach((name, index) => {
        if (row[index] !== undefined && row[index] !== '') record[name] = row[index];
      });
      if (job.kind === 'customObject') {
        const [result] = this.model.objects.sync(job.objectApiName ?? '', { input: [record] });
        if (result?.status === 'skipped')
          job.failures.push([...row, result.reasons?.[0]?.message ?? ''].join(delimiter));
        else job.processed += 1;
        continue;
      }
      const action = job.lookupField === 'id' ? 'updateOnly' : 'createOrUpdate';
      if (job.lookupField === 'id') record['id'] = Number(record['id']);
      const [result] = this.model.syncLeads({
        action,
        lookupField: job.lookupField,
        input: [record],
      });
      if (result === undefined || result.status === 'skipped' || result.id === undefined) {
        job.failures.push([...row, result?.reasons?.[0]?.message ?? 'Failed'].join(delimiter));
        continue;
      }
      job.processed += 1;
      if (job.listId !== undefined)
        this.model.records.lists.get(job.listId)?.members.add(result.id);
    }
    job.status = 'Complete';
  }

  // Lead exports support the createdAt and staticListId filters, activity exports createdAt.
  private buildExportFile(job: FakeExportJob): string {
    const range = job.filter['createdAt'] as { startAt?: string; endAt?: string } | undefined;
    const inRange = (date: unknown) => {
      if (range === undefined) return true;
      const time = Date.parse(String(date));
      return time >= Date.parse(range.startAt ?? '') && time <= Date.parse(range.endAt ?? '');
    };
    let rows: Record<string, unknown>[];
    if (job.kind === 'activities') {
      rows = this.model.records.activities.filter((activity) =>
        inRange(activity.activityDate),
      ) as unknown as Record<string, unknown>[];
    } else {
      const listId = job.filter['staticListId'];
      const members =
        typeof listId === 'number' ? this.model.records.lists.get(listId)?.members : undefined;
      rows = [...this.model.leads.values()].filter(
        (lead) => inRange(lead['createdAt']) && (members === undefined || members.has(lead.id)),
      );
    }
    const lines = rows.map((row) => job.fields.map((name) => csvCell(row[name])).join(','));
    return [job.fields.join(','), ...lines].join('\n') + '\n';
  }
}

// Empty fields appear as `null` in Marketo's export files.
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
