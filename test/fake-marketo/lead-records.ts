/**
 * Lead-related state of the fake instance beyond the leads themselves: static lists, program
 * members, partitions, forms, activities and smart campaigns, with the rules Marketo enforces on
 * each. Like the model, it has no HTTP concepts.
 */
import type { FakeLeadField, FakeMarketoModel, StoredLead } from './model.js';

const MAX_BATCH = 300;
const MAX_MERGE_LOSERS = 25;
const MAX_ACTIVITY_TYPE_IDS = 10;
const MAX_ACTIVITY_LEAD_IDS = 30;
const MAX_CAMPAIGN_LEADS = 100;
const MAX_CAMPAIGN_TOKENS = 100;
const MAX_ASSET_BATCH = 200;
const TWO_YEARS_MS = 2 * 366 * 86_400_000;

/** Activity type ids of Get Lead Changes: New Lead and Change Data Value. */
export const LEAD_CHANGE_TYPE_IDS = [12, 13];

export interface FakeList {
  id: number;
  name: string;
  programName: string;
  workspaceName: string;
  members: Set<number>;
}

export interface FakeActivityType {
  id: number;
  name: string;
  description?: string;
  primaryAttribute?: { name: string; dataType: string };
  attributes: { name: string; dataType: string }[];
}

export interface FakeActivity {
  id: number;
  marketoGUID: string;
  leadId: number;
  activityDate: string;
  activityTypeId: number;
  campaignId?: number;
  primaryAttributeValue?: string;
  attributes: { name: string; value: unknown }[];
  /** Field changes, for New Lead and Change Data Value activities. */
  fields?: { id: number; name: string; newValue: unknown; oldValue: unknown }[];
}

export interface FakeSmartCampaign {
  id: number;
  name: string;
  description?: string;
  type: 'batch' | 'trigger';
  isActive: boolean;
  isRequestable: boolean;
  /** Set for a campaign anywhere under a program, as Marketo sets it. */
  parentProgramId?: number;
  /** The folder or program that contains the campaign directly. */
  folder?: { id: number; type: 'Folder' | 'Program' };
  updatedAt: string;
}

/** One Request Campaign or Schedule Campaign the instance accepted. */
export interface CampaignRun {
  campaignId: number;
  kind: 'trigger' | 'schedule';
  leadIds: number[];
  tokens: { name: string; value: string }[];
  runAt?: string;
  cloneToProgramName?: string;
}

export interface Page<T> {
  records: T[];
  nextPageToken?: string;
}

export const DEFAULT_ACTIVITY_TYPES: readonly FakeActivityType[] = [
  {
    id: 1,
    name: 'Visit Webpage',
    primaryAttribute: { name: 'Webpage ID', dataType: 'integer' },
    attributes: [{ name: 'Webpage URL', dataType: 'string' }],
  },
  {
    id: 2,
    name: 'Fill Out Form',
    primaryAttribute: { name: 'Webform ID', dataType: 'integer' },
    attributes: [{ name: 'Form Fields', dataType: 'text' }],
  },
  { id: 12, name: 'New Lead', attributes: [{ name: 'Source Type', dataType: 'string' }] },
  {
    id: 13,
    name: 'Change Data Value',
    primaryAttribute: { name: 'Lead Attribute', dataType: 'integer' },
    attributes: [{ name: 'Reason', dataType: 'string' }],
  },
];

export class FakeLeadRecords {
  readonly lists = new Map<number, FakeList>();
  /** Program id to lead id to the membership object of Get Leads by Program Id. */
  readonly programMembers = new Map<number, Map<number, Record<string, unknown>>>();
  readonly partitions = [{ id: 1, name: 'Default', description: 'Initial system lead partition' }];
  /** Form id to the REST names of its fields. */
  readonly forms = new Map<number, Set<string>>();
  readonly activityTypes: FakeActivityType[] = DEFAULT_ACTIVITY_TYPES.map((type) =>
    structuredClone(type),
  );
  readonly activities: FakeActivity[] = [];
  readonly smartCampaigns = new Map<number, FakeSmartCampaign>();
  readonly campaignRuns: CampaignRun[] = [];
  /** Merge calls the instance accepted, with their losing lead ids. */
  readonly merges: { winnerId: number; loserIds: number[]; mergeInCRM: boolean }[] = [];

  private nextId = 5000;

  constructor(private readonly model: FakeMarketoModel) {}

  // --- Static lists ---

  addList(name: string, programName = 'Operational', workspaceName = 'Default'): FakeList {
    const list: FakeList = {
      id: this.nextId++,
      name,
      programName,
      workspaceName,
      members: new Set(),
    };
    this.lists.set(list.id, list);
    return list;
  }

  getLists(request: {
    id?: readonly number[];
    name?: readonly string[];
    programName?: readonly string[];
    workspaceName?: readonly string[];
    batchSize?: number;
    nextPageToken?: string;
  }): Page<Omit<FakeList, 'members'>> {
    const batchSize = this.batchSize(request.batchSize, MAX_BATCH);
    const matches = [...this.lists.values()].filter(
      (list) =>
        (request.id === undefined || request.id.includes(list.id)) &&
        (request.name === undefined || request.name.includes(list.name)) &&
        (request.programName === undefined || request.programName.includes(list.programName)) &&
        (request.workspaceName === undefined || request.workspaceName.includes(list.workspaceName)),
    );
    const page = this.page(matches, batchSize, request.nextPageToken);
    return { ...page, records: page.records.map(({ members: ignored, ...list }) => list) };
  }

  /** Add to List. Throws 1013 for an unknown list. */
  addToList(listId: number, leadIds: readonly number[]): ListStatus[] {
    const list = this.list(listId, leadIds);
    return leadIds.map((id) => {
      if (!this.model.leads.has(id)) return skippedMember(id, '1004', 'Lead not found');
      list.members.add(id);
      return { id, status: 'added' };
    });
  }

  removeFromList(listId: number, leadIds: readonly number[]): ListStatus[] {
    const list = this.list(listId, leadIds);
    return leadIds.map((id) => {
      if (!this.model.leads.has(id)) return skippedMember(id, '1004', 'Lead not found');
      if (!list.members.delete(id)) return skippedMember(id, '1015', 'Lead not in list');
      return { id, status: 'removed' };
    });
  }

  isMemberOfList(listId: number, leadIds: readonly number[]): ListStatus[] {
    const list = this.list(listId, leadIds);
    return leadIds.map((id) => {
      if (!this.model.leads.has(id)) return skippedMember(id, '1004', 'Lead not found');
      return { id, status: list.members.has(id) ? 'memberof' : 'notmemberof' };
    });
  }

  getListMembers(
    listId: number,
    request: { fields?: readonly string[]; batchSize?: number; nextPageToken?: string },
  ): Page<StoredLead> {
    const list = this.lists.get(listId);
    if (list === undefined) this.model.reject('1013', `Static list ${listId} not found`);
    const members = [...list.members].flatMap((id) => this.leadList(id));
    const page = this.page(
      members,
      this.batchSize(request.batchSize, MAX_BATCH),
      request.nextPageToken,
    );
    return { ...page, records: this.model.projectLeads(page.records, request.fields) };
  }

  // --- Programs ---

  addProgramMember(programId: number, leadId: number, progressionStatus = 'Member'): void {
    const members = this.programMembers.get(programId) ?? new Map();
    members.set(leadId, {
      progressionStatus,
      acquiredBy: false,
      isExhausted: false,
      membershipDate: new Date(this.model.clock.now()).toISOString(),
      reachedSuccess: false,
    });
    this.programMembers.set(programId, members);
  }

  getProgramMembers(
    programId: number,
    request: { fields?: readonly string[]; batchSize?: number; nextPageToken?: string },
  ): Page<StoredLead> {
    const members = this.programMembers.get(programId);
    if (members === undefined) this.model.reject('1013', `Program ${programId} not found`);
    const leads = [...members.keys()].flatMap((id) => this.leadList(id));
    const page = this.page(
      leads,
      this.batchSize(request.batchSize, MAX_BATCH),
      request.nextPageToken,
    );
    const records = this.model.projectLeads(page.records, request.fields).map((lead) => ({
      ...lead,
      membership: structuredClone(members.get(lead.id)),
    }));
    return { ...page, records };
  }

  // --- Merge, forms, partitions, Describe Lead2 ---

  /**
   * Merges the losers into the winner: the winner keeps its values except empty ones, and takes
   * the losers' list and program memberships. Losers are deleted.
   */
  mergeLeads(winnerId: number, loserIds: readonly number[], mergeInCRM: boolean): void {
    if (loserIds.length === 0) this.model.reject('701', 'leadIds cannot be blank');
    if (loserIds.length > MAX_MERGE_LOSERS) {
      this.model.reject('1080', `More than ${MAX_MERGE_LOSERS} lead ids to merge`);
    }
    const winner = this.model.leads.get(winnerId);
    if (winner === undefined) this.model.reject('1004', `Lead ${winnerId} not found`);
    const missing = loserIds.find((id) => !this.model.leads.has(id) || id === winnerId);
    if (missing !== undefined) this.model.reject('1004', `Lead ${missing} not found`);

    for (const loserId of loserIds) {
      const loser = this.model.leads.get(loserId) ?? { id: loserId };
      for (const [name, value] of Object.entries(loser)) {
        const current = winner[name];
        if (current === undefined || current === null || current === '') winner[name] = value;
      }
      winner.id = winnerId;
      for (const list of this.lists.values()) {
        if (list.members.delete(loserId)) list.members.add(winnerId);
      }
      for (const members of this.programMembers.values()) {
        const membership = members.get(loserId);
        members.delete(loserId);
        if (membership !== undefined && !members.has(winnerId)) members.set(winnerId, membership);
      }
      this.model.leads.delete(loserId);
    }
    this.merges.push({ winnerId, loserIds: [...loserIds], mergeInCRM });
  }

  addForm(formId: number, fieldNames: readonly string[]): void {
    this.forms.set(formId, new Set(['email', ...fieldNames]));
  }

  /** Submit Form: upserts by email and logs a Fill Out Form activity. Throws 1013 for a form. */
  submitForm(
    formId: number,
    input: readonly { leadFormFields?: Record<string, unknown>; cookie?: string }[],
  ): { id?: number; status: string; reasons?: { code: string; message: string }[] }[] {
    const form = this.forms.get(formId);
    if (form === undefined) this.model.reject('1013', `Form ${formId} not found`);
    if (input.length > MAX_BATCH) this.model.reject('1003', `More than ${MAX_BATCH} records`);
    return input.map((record) => {
      const fields = record.leadFormFields ?? {};
      const notOnForm = Object.keys(fields).find((name) => !form.has(name));
      if (notOnForm !== undefined) {
        return {
          status: 'skipped',
          reasons: [{ code: '1006', message: `Field '${notOnForm}' not found` }],
        };
      }
      const email = fields['email'];
      if (typeof email !== 'string' || email === '') {
        return {
          status: 'skipped',
          reasons: [{ code: '1002', message: 'Missing value for email' }],
        };
      }
      const [synced] = this.model.syncLeads({ action: 'createOrUpdate', input: [fields] });
      if (synced?.id !== undefined) {
        this.addActivity({
          leadId: synced.id,
          activityTypeId: 2,
          primaryAttributeValue: `Form ${formId}`,
        });
      }
      return synced ?? { status: 'skipped' };
    });
  }

  describeLead2(): unknown[] {
    const fields = this.model.fields.flatMap((described: FakeLeadField) =>
      described.rest === undefined
        ? []
        : [
            {
              name: described.rest.name,
              displayName: described.displayName,
              dataType: described.dataType,
              updateable: !described.rest.readOnly,
              crmManaged: false,
            },
          ],
    );
    const searchable = fields
      .filter((entry) => ['string', 'email', 'integer'].includes(entry.dataType))
      .map((entry) => [entry.name]);
    return [
      {
        name: 'API Lead',
        dedupeFields: ['email'],
        searchableFields: searchable,
        fields,
      },
    ];
  }

  // --- Activities ---

  /** Stores an activity dated now unless `activityDate` is given, and returns it. */
  addActivity(
    values: Partial<FakeActivity> & { leadId: number; activityTypeId: number },
  ): FakeActivity {
    const id = this.nextId++;
    const activity: FakeActivity = {
      id,
      marketoGUID: `guid-${id}`,
      activityDate: new Date(this.model.clock.now()).toISOString(),
      attributes: [],
      ...values,
    };
    this.activities.push(activity);
    return activity;
  }

  /** Returns a date token for activities at or after `sinceDatetime`. Throws 1003 if invalid. */
  pagingToken(sinceDatetime: string | undefined): string {
    const since = sinceDatetime === undefined ? Number.NaN : Date.parse(sinceDatetime);
    if (Number.isNaN(since)) this.model.reject('1003', 'Invalid sinceDatetime');
    return encodeActivityToken({ since, offset: 0 });
  }

  getLeadActivities(request: {
    nextPageToken?: string;
    activityTypeIds: readonly number[];
    leadIds?: readonly number[];
    listId?: number;
    batchSize?: number;
  }): { records: FakeActivity[]; nextPageToken: string; moreResult: boolean } {
    const { activityTypeIds } = request;
    if (activityTypeIds.length === 0) this.model.reject('701', 'activityTypeIds cannot be blank');
    if (activityTypeIds.length > MAX_ACTIVITY_TYPE_IDS) {
      this.model.reject('1003', `More than ${MAX_ACTIVITY_TYPE_IDS} activityTypeIds`);
    }
    const page = this.activityPage(request, (activity) =>
      activityTypeIds.includes(activity.activityTypeId),
    );
    return { ...page, records: page.records.map(({ fields: ignored, ...activity }) => activity) };
  }

  getLeadChanges(request: {
    nextPageToken?: string;
    fields: readonly string[];
    leadIds?: readonly number[];
    listId?: number;
    batchSize?: number;
  }): { records: FakeActivity[]; nextPageToken: string; moreResult: boolean } {
    if (request.fields.length === 0) this.model.reject('701', 'fields cannot be blank');
    const page = this.activityPage(request, (activity) =>
      LEAD_CHANGE_TYPE_IDS.includes(activity.activityTypeId),
    );
    const records = page.records.map((activity) => {
      const { primaryAttributeValue: ignored, ...change } = activity;
      return {
        ...change,
        fields: (activity.fields ?? []).filter((entry) => request.fields.includes(entry.name)),
      };
    });
    return { ...page, records };
  }

  // --- Campaigns ---

  addSmartCampaign(values: Partial<FakeSmartCampaign> & { name: string }): FakeSmartCampaign {
    const campaign: FakeSmartCampaign = {
      id: this.nextId++,
      type: 'trigger',
      isActive: true,
      isRequestable: true,
      updatedAt: new Date(this.model.clock.now()).toISOString(),
      ...values,
    };
    this.smartCampaigns.set(campaign.id, campaign);
    return campaign;
  }

  /** Request Campaign. The campaign must be requestable, and every lead must exist. */
  triggerCampaign(
    campaignId: number,
    leadIds: readonly number[],
    tokens: readonly { name: string; value: string }[],
  ): void {
    const campaign = this.campaign(campaignId);
    if (campaign.type !== 'trigger' || !campaign.isRequestable) {
      this.model.reject('1003', `Campaign ${campaignId} cannot be requested through the API`);
    }
    if (leadIds.length === 0) this.model.reject('701', 'leads cannot be blank');
    if (leadIds.length > MAX_CAMPAIGN_LEADS) {
      this.model.reject('1003', `More than ${MAX_CAMPAIGN_LEADS} leads`);
    }
    if (tokens.length > MAX_CAMPAIGN_TOKENS) {
      this.model.reject('1003', `More than ${MAX_CAMPAIGN_TOKENS} tokens`);
    }
    const missing = leadIds.find((id) => !this.model.leads.has(id));
    if (missing !== undefined) this.model.reject('1004', `Lead ${missing} not found`);
    this.campaignRuns.push({
      campaignId,
      kind: 'trigger',
      leadIds: [...leadIds],
      tokens: [...tokens],
    });
  }

  scheduleCampaign(
    campaignId: number,
    input: {
      runAt?: string;
      cloneToProgramName?: string;
      tokens?: { name: string; value: string }[];
    },
  ): void {
    const campaign = this.campaign(campaignId);
    if (campaign.type !== 'batch') this.model.reject('1003', `Campaign ${campaignId} is not batch`);
    if (input.runAt !== undefined) {
      const runAt = Date.parse(input.runAt);
      if (Number.isNaN(runAt)) this.model.reject('704', 'Invalid date format for runAt');
      if (runAt > this.model.clock.now() + TWO_YEARS_MS) {
        this.model.reject('1042', 'runAt is more than 2 years in the future');
      }
    }
    const run: CampaignRun = {
      campaignId,
      kind: 'schedule',
      leadIds: [],
      tokens: input.tokens ?? [],
    };
    if (input.runAt !== undefined) run.runAt = input.runAt;
    if (input.cloneToProgramName !== undefined) run.cloneToProgramName = input.cloneToProgramName;
    this.campaignRuns.push(run);
  }

  /**
   * Get Smart Campaigns. The `folder` filter matches the folder that contains a campaign directly,
   * not campaigns in folders below it.
   * NOTE: whether Marketo's filter also returns campaigns of nested folders is not documented.
   */
  getSmartCampaigns(request: {
    isActive?: boolean;
    folder?: { id: number; type: string };
    maxReturn?: number;
    offset?: number;
  }): FakeSmartCampaign[] {
    const maxReturn = this.batchSize(request.maxReturn ?? 20, MAX_ASSET_BATCH);
    const offset = request.offset ?? 0;
    const { folder } = request;
    const matches = [...this.smartCampaigns.values()].filter(
      (campaign) =>
        (request.isActive === undefined || campaign.isActive === request.isActive) &&
        (folder === undefined ||
          (campaign.folder?.id === folder.id && campaign.folder.type === folder.type)),
    );
    return matches.slice(offset, offset + maxReturn).map((campaign) => structuredClone(campaign));
  }

  smartCampaignByName(name: string): FakeSmartCampaign[] {
    const match = [...this.smartCampaigns.values()].find((campaign) => campaign.name === name);
    return match === undefined ? [] : [structuredClone(match)];
  }

  // --- Helpers ---

  private list(listId: number, leadIds: readonly number[]): FakeList {
    const list = this.lists.get(listId);
    if (list === undefined) this.model.reject('1013', `Static list ${listId} not found`);
    if (leadIds.length === 0) this.model.reject('701', 'input cannot be blank');
    if (leadIds.length > MAX_BATCH) this.model.reject('1003', `More than ${MAX_BATCH} lead ids`);
    return list;
  }

  private campaign(campaignId: number): FakeSmartCampaign {
    const campaign = this.smartCampaigns.get(campaignId);
    if (campaign === undefined) this.model.reject('1013', `Campaign ${campaignId} not found`);
    return campaign;
  }

  private leadList(id: number): StoredLead[] {
    const lead = this.model.leads.get(id);
    return lead === undefined ? [] : [lead];
  }

  private batchSize(value: number | undefined, max: number): number {
    const size = value ?? max;
    if (!Number.isInteger(size) || size < 1 || size > max) {
      this.model.reject('1003', `Invalid batch size ${size}`);
    }
    return size;
  }

  private page<T>(records: readonly T[], batchSize: number, token: string | undefined): Page<T> {
    const offset = this.model.pageOffset(token);
    const page: Page<T> = { records: records.slice(offset, offset + batchSize) };
    const next = this.model.pageTokenAt(offset + batchSize, records.length);
    if (next !== undefined) page.nextPageToken = next;
    return page;
  }

  // Activities at or after the token's date, in date order. The token of the next page is
  // always returned, as Marketo does, and `moreResult` is true when more activities follow.
  private activityPage(
    request: {
      nextPageToken?: string;
      leadIds?: readonly number[];
      listId?: number;
      batchSize?: number;
    },
    typeFilter: (activity: FakeActivity) => boolean,
  ): { records: FakeActivity[]; nextPageToken: string; moreResult: boolean } {
    const position =
      request.nextPageToken === undefined ? undefined : decodeActivityToken(request.nextPageToken);
    if (position === undefined) this.model.reject('1003', 'Invalid nextPageToken');
    const { leadIds, listId } = request;
    if (leadIds !== undefined && leadIds.length > MAX_ACTIVITY_LEAD_IDS) {
      this.model.reject('1003', `More than ${MAX_ACTIVITY_LEAD_IDS} leadIds`);
    }
    if (leadIds !== undefined && listId !== undefined) {
      this.model.reject('1003', 'leadIds and listId cannot be combined');
    }
    const members = listId === undefined ? undefined : this.lists.get(listId)?.members;
    if (listId !== undefined && members === undefined) {
      this.model.reject('1013', `Static list ${listId} not found`);
    }
    const batchSize = this.batchSize(request.batchSize, MAX_BATCH);
    const matches = this.activities
      .filter(
        (activity) =>
          Date.parse(activity.activityDate) >= position.since &&
          typeFilter(activity) &&
          (leadIds === undefined || leadIds.includes(activity.leadId)) &&
          (members === undefined || members.has(activity.leadId)),
      )
      .sort((a, b) => Date.parse(a.activityDate) - Date.parse(b.activityDate));
    const end = position.offset + batchSize;
    return {
      records: matches.slice(position.offset, end).map((activity) => structuredClone(activity)),
      nextPageToken: encodeActivityToken({
        since: position.since,
        offset: Math.min(end, matches.length),
      }),
      moreResult: end < matches.length,
    };
  }
}

export interface ListStatus {
  id: number;
  status: string;
  reasons?: { code: string; message: string }[];
}

function skippedMember(id: number, code: string, message: string): ListStatus {
  return { id, status: 'skipped', reasons: [{ code, message }] };
}

function encodeActivityToken(position: { since: number; offset: number }): string {
  return Buffer.from(`activities:${position.since}:${position.offset}`).toString('base64url');
}

function decodeActivityToken(token: string): { since: number; offset: number } | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^activities:(-?\d+):(\d+)$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { since: Number(match[1]), offset: Number(match[2]) };
}
