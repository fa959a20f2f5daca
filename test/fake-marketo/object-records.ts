/**
 * Object state of the fake instance: opportunities, opportunity roles and custom objects, kept
 * as records keyed by `marketoGUID` with their dedupe fields, and the rules of get, sync and
 * delete. Like the model, it has no HTTP concepts.
 */
import type { FakeMarketoModel } from './model.js';

const MAX_BATCH = 300;

export interface FakeObjectType {
  name: string;
  displayName: string;
  dedupeFields: string[];
  /** Single fields that `filterType` accepts, besides the `dedupeFields` and `idField` aliases. */
  searchableFields: string[];
  fields: { name: string; dataType: string }[];
  records: Map<string, Record<string, unknown>>;
}

export interface WriteResult {
  seq: number;
  marketoGUID?: string;
  status: string;
  reasons?: { code: string; message: string }[];
}

export class FakeObjectRecords {
  readonly types = new Map<string, FakeObjectType>();
  private nextGuid = 1;

  constructor(private readonly model: FakeMarketoModel) {
    this.defineType(
      'opportunity',
      'Opportunity',
      ['externalOpportunityId'],
      [
        { name: 'externalOpportunityId', dataType: 'string' },
        { name: 'name', dataType: 'string' },
        { name: 'amount', dataType: 'currency' },
        { name: 'stage', dataType: 'string' },
      ],
    );
    this.defineType(
      'opportunityRole',
      'Opportunity Role',
      ['externalOpportunityId', 'leadId', 'role'],
      [
        { name: 'externalOpportunityId', dataType: 'string' },
        { name: 'leadId', dataType: 'integer' },
        { name: 'role', dataType: 'string' },
        { name: 'isPrimary', dataType: 'boolean' },
      ],
    );
    this.types.get('opportunityRole')?.searchableFields.push('leadId', 'externalOpportunityId');
  }

  /** Adds an object type. Custom object types are listed by List Custom Objects. */
  defineType(
    name: string,
    displayName: string,
    dedupeFields: readonly string[],
    fields: readonly { name: string; dataType: string }[],
  ): FakeObjectType {
    const type: FakeObjectType = {
      name,
      displayName,
      dedupeFields: [...dedupeFields],
      searchableFields: dedupeFields.length === 1 ? [...dedupeFields] : [],
      fields: [{ name: 'marketoGUID', dataType: 'string' }, ...fields],
      records: new Map(),
    };
    this.types.set(name, type);
    return type;
  }

  customObjectTypes(names: readonly string[] | undefined): unknown[] {
    return [...this.types.values()]
      .filter((type) => type.name !== 'opportunity' && type.name !== 'opportunityRole')
      .filter((type) => names === undefined || names.includes(type.name))
      .map((type) => ({
        name: type.name,
        displayName: type.displayName,
        idField: 'marketoGUID',
        dedupeFields: type.dedupeFields,
      }));
  }

  describe(typeName: string): unknown[] {
    const type = this.type(typeName);
    return [
      {
        name: type.name,
        displayName: type.displayName,
        idField: 'marketoGUID',
        dedupeFields: [...type.dedupeFields],
        searchableFields: [
          [...type.dedupeFields],
          ['marketoGUID'],
          ...type.searchableFields.map((field) => [field]),
        ],
        fields: type.fields.map((entry) => ({
          ...entry,
          updateable: entry.name !== 'marketoGUID',
        })),
      },
    ];
  }

  /** Get by filter type. `dedupeFields` with `input` matches compound keys. Throws 1003. */
  get(
    typeName: string,
    request: {
      filterType: string;
      filterValues?: readonly string[];
      input?: readonly Record<string, unknown>[];
      fields?: readonly string[];
      batchSize?: number;
      nextPageToken?: string;
    },
  ): { records: Record<string, unknown>[]; nextPageToken?: string } {
    const type = this.type(typeName);
    const records = [...type.records.values()];
    let matches: Record<string, unknown>[];
    if (request.input !== undefined) {
      if (request.filterType !== 'dedupeFields')
        this.model.reject('1003', 'input needs filterType dedupeFields');
      if (request.input.length > MAX_BATCH)
        this.model.reject('1003', `More than ${MAX_BATCH} keys`);
      matches = records.filter((record) =>
        request.input?.some((key) => this.sameKey(type, record, key)),
      );
    } else {
      const values = request.filterValues ?? [];
      if (values.length === 0) this.model.reject('701', 'filterValues cannot be blank');
      if (values.length > MAX_BATCH)
        this.model.reject('1003', `More than ${MAX_BATCH} filterValues`);
      const field = this.filterField(type, request.filterType);
      matches = records.filter((record) => values.includes(String(record[field])));
    }
    const batchSize = request.batchSize ?? MAX_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
      this.model.reject('1003', `Invalid batchSize ${batchSize}`);
    }
    const offset = this.model.pageOffset(request.nextPageToken);
    const names = request.fields ?? ['marketoGUID', ...type.dedupeFields];
    const page: { records: Record<string, unknown>[]; nextPageToken?: string } = {
      records: matches.slice(offset, offset + batchSize).map((record, index) => {
        const projected: Record<string, unknown> = { seq: index };
        for (const name of names) if (record[name] !== undefined) projected[name] = record[name];
        return projected;
      }),
    };
    const next = this.model.pageTokenAt(offset + batchSize, matches.length);
    if (next !== undefined) page.nextPageToken = next;
    return page;
  }

  sync(
    typeName: string,
    request: { action?: string; dedupeBy?: string; input: readonly Record<string, unknown>[] },
  ): WriteResult[] {
    const type = this.type(typeName);
    const action = request.action ?? 'createOrUpdate';
    const dedupeBy = request.dedupeBy ?? 'dedupeFields';
    if (!['createOnly', 'updateOnly', 'createOrUpdate'].includes(action)) {
      this.model.reject('1003', `Invalid action '${action}'`);
    }
    if (dedupeBy === 'idField' && action !== 'updateOnly') {
      this.model.reject('1003', 'dedupeBy idField is allowed only with updateOnly');
    }
    this.checkBatch(request.input);
    return request.input.map((record, seq) => {
      const unknown = Object.keys(record).find(
        (name) => !type.fields.some((entry) => entry.name === name),
      );
      if (unknown !== undefined) return skipped(seq, '1006', `Field '${unknown}' not found`);
      const match = this.find(type, record, dedupeBy);
      if (match === 'missingKey')
        return skipped(seq, '1003', 'Value for a dedupe field is missing');
      if (match !== undefined) {
        if (action === 'createOnly') return skipped(seq, '1005', 'Record already exists');
        Object.assign(match, record);
        return { seq, marketoGUID: String(match['marketoGUID']), status: 'updated' };
      }
      if (action === 'updateOnly') return skipped(seq, '1013', 'Record not found');
      const marketoGUID = `guid-${typeName}-${this.nextGuid++}`;
      type.records.set(marketoGUID, { ...record, marketoGUID });
      return { seq, marketoGUID, status: 'created' };
    });
  }

  delete(
    typeName: string,
    request: { deleteBy?: string; input: readonly Record<string, unknown>[] },
  ): WriteResult[] {
    const type = this.type(typeName);
    this.checkBatch(request.input);
    return request.input.map((record, seq) => {
      const match = this.find(type, record, request.deleteBy ?? 'dedupeFields');
      if (match === undefined || match === 'missingKey')
        return skipped(seq, '1013', 'Record not found');
      type.records.delete(String(match['marketoGUID']));
      return { seq, marketoGUID: String(match['marketoGUID']), status: 'deleted' };
    });
  }

  /** Returns the type, or throws 1013 as Marketo does for an unknown custom object. */
  type(typeName: string): FakeObjectType {
    const type = this.types.get(typeName);
    if (type === undefined) this.model.reject('1013', `Object ${typeName} not found`);
    return type;
  }

  private find(
    type: FakeObjectType,
    record: Record<string, unknown>,
    by: string,
  ): Record<string, unknown> | undefined | 'missingKey' {
    if (by === 'idField') return type.records.get(String(record['marketoGUID']));
    if (type.dedupeFields.some((field) => record[field] === undefined)) return 'missingKey';
    return [...type.records.values()].find((stored) => this.sameKey(type, stored, record));
  }

  private sameKey(
    type: FakeObjectType,
    stored: Record<string, unknown>,
    key: Record<string, unknown>,
  ): boolean {
    if (key['marketoGUID'] !== undefined) return stored['marketoGUID'] === key['marketoGUID'];
    return type.dedupeFields.every((field) => String(stored[field]) === String(key[field]));
  }

  private filterField(type: FakeObjectType, filterType: string): string {
    if (filterType === 'idField' || filterType === 'marketoGUID') return 'marketoGUID';
    const [only] = type.dedupeFields;
    if (filterType === 'dedupeFields' && type.dedupeFields.length === 1 && only !== undefined)
      return only;
    if (type.searchableFields.includes(filterType)) return filterType;
    return this.model.reject('1003', `Invalid filterType '${filterType}'`);
  }

  private checkBatch(input: readonly unknown[]): void {
    if (input.length === 0) this.model.reject('701', 'input cannot be blank');
    if (input.length > MAX_BATCH)
      this.model.reject('1003', `More than ${MAX_BATCH} records in input`);
  }
}

function skipped(seq: number, code: string, message: string): WriteResult {
  return { seq, status: 'skipped', reasons: [{ code, message }] };
}
