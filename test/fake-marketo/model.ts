/**
 * State and rules of a fake Marketo instance: leads, lead fields, access tokens, limits and call
 * counters. It has no HTTP concepts, so a REST server and a SOAP server can share one model.
 * Rule violations are thrown as ModelError with Marketo's REST error code.
 */
import { randomBytes } from 'node:crypto';
import { FakeAssetRecords } from './asset-records.js';
import { FakeBulkRecords } from './bulk-records.js';
import { FakeLeadRecords } from './lead-records.js';
import { FakeObjectRecords } from './object-records.js';

/** Time source of the model. Share one with the client under test to scale time on both sides. */
export interface ModelClock {
  now(): number;
}

export interface FakeLeadField {
  id: number;
  displayName: string;
  dataType: string;
  length?: number;
  rest?: { name: string; readOnly: boolean };
  soap?: { name: string; readOnly: boolean };
}

export type StoredLead = { id: number } & Record<string, unknown>;

export interface ApiCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  scope: string;
}

export interface SyncRecordResult {
  id?: number;
  status: 'created' | 'updated' | 'skipped';
  reasons?: { code: string; message: string }[];
}

export interface SyncLeadsInput {
  action?: string;
  lookupField?: string;
  partitionName?: string;
  input: readonly Record<string, unknown>[];
}

export interface LeadPage {
  leads: StoredLead[];
  nextPageToken?: string;
}

export interface ModelOptions {
  clock?: ModelClock;
  credentials?: readonly ApiCredentials[];
  /** Life of a new access token, default 3,600 s. */
  tokenLifetimeSeconds?: number;
  /** Calls admitted per day, default 50,000. */
  dailyQuota?: number;
  /** Calls admitted per sliding window, default 100. */
  maxCallsPerWindow?: number;
  /** Window of the rate limit in milliseconds, default 20,000. */
  windowMs?: number;
  /** Calls in flight at once, default 10. */
  maxConcurrentCalls?: number;
  fields?: readonly FakeLeadField[];
}

/** A Marketo rule rejected the request. `code` is the REST error code, such as `'601'`. */
export class ModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** Counters that tests read to check what the client did. */
export interface ModelCounters {
  tokenRequests: number;
  /** Calls admitted past authentication and limits, per operation. */
  calls: Record<string, number>;
  /** Calls rejected, per REST error code. */
  rejections: Record<string, number>;
  maxInFlightSeen: number;
}

/** Marketo's default lead fields, returned when a read names no `fields`. */
export const DEFAULT_READ_FIELDS = [
  'id',
  'email',
  'firstName',
  'lastName',
  'createdAt',
  'updatedAt',
];

/** Filter types of Get Leads by Filter Type, besides custom string, email and integer fields. */
const STANDARD_FILTER_TYPES = new Set([
  'cookies',
  'email',
  'facebookId',
  'id',
  'leadPartitionId',
  'linkedInId',
  'sfdcAccountId',
  'sfdcContactId',
  'sfdcLeadId',
  'sfdcLeadOwnerId',
  'sfdcOpptyId',
  'twitterId',
]);

const SYNC_ACTIONS = new Set(['createOnly', 'updateOnly', 'createOrUpdate', 'createDuplicate']);
const MAX_BATCH = 300;
const MAX_FILTER_MATCHES = 1000;
const COOKIE_PATTERN = /^id:\d{3}-[A-Z]{3}-\d{3}&token:_mch-[\w.-]+-\d+-\d+$/i;

/**
 * Lead fields of a small instance: system fields, some standard fields, custom fields whose SOAP
 * and REST names differ, and one field that only the SOAP API has.
 */
export const BASE_LEAD_FIELDS: readonly FakeLeadField[] = [
  field(1, 'Id', 'integer', 'id', 'Id', true),
  field(2, 'Email Address', 'email', 'email', 'Email'),
  field(3, 'First Name', 'string', 'firstName', 'FirstName'),
  field(4, 'Last Name', 'string', 'lastName', 'LastName'),
  field(5, 'Company Name', 'string', 'company', 'Company'),
  field(6, 'Phone Number', 'phone', 'phone', 'Phone'),
  field(7, 'Unsubscribed', 'boolean', 'unsubscribed', 'Unsubscribed'),
  field(8, 'Lead Score', 'integer', 'leadScore', 'LeadScore'),
  field(9, 'Date of Birth', 'date', 'dateOfBirth', 'DateofBirth'),
  field(10, 'Created At', 'datetime', 'createdAt', undefined, true),
  field(11, 'Updated At', 'datetime', 'updatedAt', undefined, true),
  field(12, 'Customer Tier', 'string', 'customerTier', 'Customer_Tier__c'),
  field(13, 'Cookies', 'string', 'cookies', undefined, true),
  field(14, 'Region', 'string', 'region', 'Region__c'),
  field(15, 'Legacy CRM Id', 'string', 'legacyCrmId', 'LegacyCrmId__c'),
  // A field of the SOAP API only, which REST cannot write.
  {
    id: 16,
    displayName: 'SOAP Score',
    dataType: 'integer',
    soap: { name: 'SoapScore__c', readOnly: false },
  },
];

/** Builds a lead field valid in REST, and in SOAP when `soapName` is given. */
export function field(
  id: number,
  displayName: string,
  dataType: string,
  restName: string,
  soapName: string | undefined,
  readOnly = false,
): FakeLeadField {
  const rest = { name: restName, readOnly };
  const described: FakeLeadField = { id, displayName, dataType, rest };
  if (soapName !== undefined) described.soap = { name: soapName, readOnly };
  return described;
}

export class FakeMarketoModel {
  readonly clock: ModelClock;
  readonly counters: ModelCounters = {
    tokenRequests: 0,
    calls: {},
    rejections: {},
    maxInFlightSeen: 0,
  };
  readonly fields: FakeLeadField[];
  readonly leads = new Map<number, StoredLead>();
  /** Munchkin cookie to the id of the lead it was associated with. */
  readonly cookies = new Map<string, number>();
  /** Lists, program members, forms, activities and smart campaigns. */
  readonly records: FakeLeadRecords = new FakeLeadRecords(this);
  /** Programs, channels and tag types. */
  readonly assets: FakeAssetRecords = new FakeAssetRecords(this);
  /** Opportunities, opportunity roles and custom objects. */
  readonly objects: FakeObjectRecords = new FakeObjectRecords(this);
  /** Bulk import and export jobs. */
  readonly bulk: FakeBulkRecords = new FakeBulkRecords(this);

  private readonly credentials: readonly ApiCredentials[];
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly settings: Required<Omit<ModelOptions, 'clock' | 'credentials' | 'fields'>>;
  private readonly admittedAt: number[] = [];
  private inFlight = 0;
  private quotaDay = -1;
  private callsToday = 0;
  private nextLeadId = 1001;

  constructor(options: ModelOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.credentials = options.credentials ?? [
      { clientId: 'test-client-id', clientSecret: 'test-client-secret' },
    ];
    this.fields = [...(options.fields ?? BASE_LEAD_FIELDS)];
    this.settings = {
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
      dailyQuota: options.dailyQuota ?? 50_000,
      maxCallsPerWindow: options.maxCallsPerWindow ?? 100,
      windowMs: options.windowMs ?? 20_000,
      maxConcurrentCalls: options.maxConcurrentCalls ?? 10,
    };
  }

  // --- Identity ---

  /**
   * Issues an access token. Like Marketo, it returns the client's current token with its remaining
   * life while that token is valid. Throws ModelError('invalid_client') on bad credentials.
   */
  issueToken(clientId: string | undefined, clientSecret: string | undefined): TokenGrant {
    this.counters.tokenRequests += 1;
    const known = this.credentials.some(
      (entry) => entry.clientId === clientId && entry.clientSecret === clientSecret,
    );
    if (!known || clientId === undefined) {
      throw new ModelError('invalid_client', 'Bad client credentials');
    }
    const scope = `${clientId}@api`;

    const now = this.clock.now();
    for (const [accessToken, token] of this.tokens) {
      if (token.clientId === clientId && token.expiresAt > now) {
        const expiresInSeconds = Math.floor((token.expiresAt - now) / 1000);
        if (expiresInSeconds > 0) return { accessToken, expiresInSeconds, scope };
      }
    }
    const accessToken = `${randomBytes(8).toString('hex')}:ab`;
    const lifetimeSeconds = this.settings.tokenLifetimeSeconds;
    this.tokens.set(accessToken, { clientId, expiresAt: now + lifetimeSeconds * 1000 });
    return { accessToken, expiresInSeconds: lifetimeSeconds, scope };
  }

  /** Throws 601 for a missing or unknown token and 602 for an expired one. */
  authenticate(accessToken: string | undefined): void {
    const token = accessToken === undefined ? undefined : this.tokens.get(accessToken);
    if (token === undefined) this.reject('601', 'Access token invalid');
    if (token.expiresAt <= this.clock.now()) this.reject('602', 'Access token expired');
  }

  /** Makes every issued token expired, so the next call gets 602. */
  expireAllTokens(): void {
    const now = this.clock.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** Forgets every issued token, so the next call gets 601. */
  revokeAllTokens(): void {
    this.tokens.clear();
  }

  // --- Limits ---

  /**
   * Admits one API call against the daily quota (607), the rate window (606) and the concurrency
   * limit (615). Returns the function that ends the call.
   */
  beginCall(operation: string): () => void {
    const now = this.clock.now();
    const day = Math.floor(now / 86_400_000);
    if (day !== this.quotaDay) {
      this.quotaDay = day;
      this.callsToday = 0;
    }
    const windowStart = now - this.settings.windowMs;
    while (this.admittedAt.length > 0 && (this.admittedAt[0] ?? now) <= windowStart) {
      this.admittedAt.shift();
    }
    if (this.callsToday >= this.settings.dailyQuota) this.reject('607', 'Daily quota reached');
    if (this.admittedAt.length >= this.settings.maxCallsPerWindow) {
      this.reject('606', 'Max rate limit exceeded');
    }
    if (this.inFlight >= this.settings.maxConcurrentCalls) {
      this.reject('615', 'Concurrent access limit reached');
    }

    this.callsToday += 1;
    this.admittedAt.push(now);
    this.inFlight += 1;
    this.counters.maxInFlightSeen = Math.max(this.counters.maxInFlightSeen, this.inFlight);
    this.counters.calls[operation] = (this.counters.calls[operation] ?? 0) + 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
    };
  }

  /** Calls admitted for `operation` so far. */
  callCount(operation: string): number {
    return this.counters.calls[operation] ?? 0;
  }

  // --- Leads ---

  /** Stores a lead with the given REST field values and returns it. */
  addLead(values: Record<string, unknown>): StoredLead {
    const id = typeof values['id'] === 'number' ? values['id'] : this.nextLeadId++;
    const now = new Date(this.clock.now()).toISOString();
    const lead: StoredLead = { createdAt: now, updatedAt: now, ...values, id };
    this.leads.set(id, lead);
    this.nextLeadId = Math.max(this.nextLeadId, id + 1);
    return lead;
  }

  describeLead(): FakeLeadField[] {
    return this.fields.map((described) => structuredClone(described));
  }

  getLeadById(leadId: number, fields: readonly string[] | undefined): StoredLead[] {
    const names = this.readFields(fields);
    const lead = this.leads.get(leadId);
    return lead === undefined ? [] : [project(lead, names)];
  }

  /** Reads leads whose `filterType` field equals one of `filterValues`, a page at a time. */
  getLeadsByFilterType(request: {
    filterType: string;
    filterValues: readonly string[];
    fields?: readonly string[];
    batchSize?: number;
    nextPageToken?: string;
  }): LeadPage {
    const { filterType, filterValues } = request;
    if (!this.isFilterable(filterType)) this.reject('1003', `Invalid filterType '${filterType}'`);
    if (filterValues.length === 0) this.reject('701', 'filterValues cannot be blank');
    if (filterValues.length > MAX_BATCH) this.reject('1003', `More than ${MAX_BATCH} filterValues`);
    const batchSize = request.batchSize ?? MAX_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
      this.reject('1003', `Invalid batchSize ${batchSize}`);
    }
    const names = this.readFields(request.fields);

    const matches = [...this.leads.values()].filter((lead) =>
      this.matchesFilter(lead, filterType, filterValues),
    );
    if (matches.length > MAX_FILTER_MATCHES) {
      this.reject('1003', 'Too many results match the filter');
    }

    const offset = request.nextPageToken === undefined ? 0 : decodePageToken(request.nextPageToken);
    if (offset === undefined) this.reject('1003', 'Invalid nextPageToken');
    const page = matches.slice(offset, offset + batchSize).map((lead) => project(lead, names));
    const end = offset + batchSize;
    if (end >= matches.length) return { leads: page };
    return { leads: page, nextPageToken: encodePageToken(end) };
  }

  syncLeads(request: SyncLeadsInput): SyncRecordResult[] {
    const action = request.action ?? 'createOrUpdate';
    const lookupField = request.lookupField ?? 'email';
    if (!SYNC_ACTIONS.has(action)) this.reject('1003', `Invalid action '${action}'`);
    if (request.input.length === 0) this.reject('701', 'input cannot be blank');
    if (request.input.length > MAX_BATCH) {
      this.reject('1003', `More than ${MAX_BATCH} records in input`);
    }
    if (lookupField === 'id' && action !== 'updateOnly') {
      this.reject('1003', 'lookupField id is allowed only with action updateOnly');
    }
    return request.input.map((record) => this.syncRecord(record, action, lookupField));
  }

  associateLead(leadId: number, cookie: string): void {
    if (!this.leads.has(leadId)) this.reject('1004', `Lead '${leadId}' not found`);
    if (!COOKIE_PATTERN.test(cookie)) this.reject('1012', `Invalid cookie value '${cookie}'`);
    this.cookies.set(cookie, leadId);
  }

  // --- Helpers ---

  private syncRecord(
    record: Record<string, unknown>,
    action: string,
    lookupField: string,
  ): SyncRecordResult {
    const unknown = Object.keys(record).find((name) => this.restField(name) === undefined);
    if (unknown !== undefined) return skipped('1006', `Field '${unknown}' not found`);
    if ('id' in record && action !== 'updateOnly') {
      return skipped('1003', 'id is allowed only with updateOnly');
    }
    const readOnly = Object.keys(record).find(
      (name) => name !== 'id' && this.restField(name)?.rest?.readOnly,
    );
    if (readOnly !== undefined) return skipped('1003', `Field '${readOnly}' is read-only`);

    const key = record[lookupField];
    if (action !== 'createDuplicate' && (key === undefined || key === null || key === '')) {
      return skipped('1003', `Value for lookup field '${lookupField}' missing`);
    }
    const matches =
      action === 'createDuplicate'
        ? []
        : [...this.leads.values()].filter((lead) => sameValue(lead[lookupField], key));

    if (matches.length > 1) return skipped('1007', 'Multiple leads match the lookup criteria');
    const match = matches[0];
    if (match !== undefined) {
      if (action === 'createOnly') return skipped('1005', 'Lead already exists');
      const updatedAt = new Date(this.clock.now()).toISOString();
      Object.assign(match, record, { id: match.id, updatedAt });
      return { id: match.id, status: 'updated' };
    }
    if (action === 'updateOnly') return skipped('1004', 'Lead not found');
    const { id: ignoredId, ...values } = record;
    void ignoredId;
    return { id: this.addLead(values).id, status: 'created' };
  }

  /**
   * Returns the leads with only the requested REST fields (the default six when none), as reads
   * return them. Throws 1006 for an unknown field.
   */
  projectLeads(leads: readonly StoredLead[], fields: readonly string[] | undefined): StoredLead[] {
    const names = this.readFields(fields);
    return leads.map((lead) => project(lead, names));
  }

  /** Returns the offset in a page token, or throws 1003 for a token this model did not issue. */
  pageOffset(nextPageToken: string | undefined): number {
    if (nextPageToken === undefined) return 0;
    const offset = decodePageToken(nextPageToken);
    if (offset === undefined) this.reject('1003', 'Invalid nextPageToken');
    return offset;
  }

  /** Returns the token of the page that starts at `offset`, or undefined past the end. */
  pageTokenAt(offset: number, total: number): string | undefined {
    return offset >= total ? undefined : encodePageToken(offset);
  }

  private readFields(fields: readonly string[] | undefined): readonly string[] {
    if (fields === undefined || fields.length === 0) return DEFAULT_READ_FIELDS;
    const unknown = fields.find((name) => this.restField(name) === undefined);
    if (unknown !== undefined) this.reject('1006', `Field '${unknown}' not found`);
    return fields.includes('id') ? fields : ['id', ...fields];
  }

  private isFilterable(filterType: string): boolean {
    if (STANDARD_FILTER_TYPES.has(filterType)) return true;
    const described = this.restField(filterType);
    return described !== undefined && ['string', 'email', 'integer'].includes(described.dataType);
  }

  private matchesFilter(lead: StoredLead, filterType: string, values: readonly string[]): boolean {
    if (filterType === 'cookies') {
      return values.some((cookie) => this.cookies.get(cookie) === lead.id);
    }
    return values.some((value) => sameValue(lead[filterType], value));
  }

  private restField(name: string): FakeLeadField | undefined {
    return this.fields.find((described) => described.rest?.name === name);
  }

  /** Counts the rejection and throws ModelError with Marketo's REST error `code`. */
  reject(code: string, message: string): never {
    this.counters.rejections[code] = (this.counters.rejections[code] ?? 0) + 1;
    throw new ModelError(code, message);
  }
}

function skipped(code: string, message: string): SyncRecordResult {
  return { status: 'skipped', reasons: [{ code, message }] };
}

// Lookups compare as text, case-insensitively, as Marketo matches email addresses.
function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === undefined || stored === null) return false;
  return String(stored).toLowerCase() === String(wanted).toLowerCase();
}

// REST leaves out fields without a value.
function project(lead: StoredLead, names: readonly string[]): StoredLead {
  const output: StoredLead = { id: lead.id };
  for (const name of names) {
    const value = lead[name];
    if (value !== undefined && value !== null) output[name] = value;
  }
  return output;
}

function encodePageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodePageToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
