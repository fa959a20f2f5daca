/**
 * Asset state of the fake instance: programs, channels and tag types, with the rules the Asset
 * API enforces on reads and program updates. Like the model, it has no HTTP concepts.
 */
import type { FakeMarketoModel } from './model.js';

const MAX_ASSET_BATCH = 200;
const DEFAULT_ASSET_BATCH = 20;

export interface FakeProgram {
  id: number;
  name: string;
  description: string;
  type: string;
  channel: string;
  folder: { type: 'Folder' | 'Program'; value: number; folderName: string };
  status: string;
  workspace: string;
  tags: { tagType: string; tagValue: string }[];
  costs: { startDate: string; cost: number; note?: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface FakeChannel {
  id: number;
  name: string;
  applicableProgramType: string;
  progressionStatuses: {
    name: string;
    step: number;
    description: string | null;
    hidden: boolean;
    success: boolean;
  }[];
}

export interface FakeTagType {
  tagType: string;
  applicableProgramTypes: string;
  required: boolean;
  allowableValues: string[];
}

export class FakeAssetRecords {
  readonly programs = new Map<number, FakeProgram>();
  readonly channels: FakeChannel[] = [];
  readonly tagTypes: FakeTagType[] = [];

  private nextId = 7000;

  constructor(private readonly model: FakeMarketoModel) {}

  addProgram(values: Partial<FakeProgram> & { name: string }): FakeProgram {
    const now = new Date(this.model.clock.now()).toISOString();
    const program: FakeProgram = {
      id: this.nextId++,
      description: '',
      type: 'Default',
      channel: 'Webinar',
      folder: { type: 'Folder', value: 12, folderName: 'Marketing Activities' },
      status: '',
      workspace: 'Default',
      tags: [],
      costs: [],
      createdAt: now,
      updatedAt: now,
      ...values,
    };
    this.programs.set(program.id, program);
    return program;
  }

  programById(id: number): unknown[] {
    const program = this.programs.get(id);
    return program === undefined ? [] : [structuredClone(program)];
  }

  /** Exact-name lookup. Tags and costs are returned only when asked for. */
  programByName(name: string, includeTags: boolean, includeCosts: boolean): unknown[] {
    const match = [...this.programs.values()].find((program) => program.name === name);
    if (match === undefined) return [];
    const { tags, costs, ...program } = structuredClone(match);
    return [{ ...program, ...(includeTags ? { tags } : {}), ...(includeCosts ? { costs } : {}) }];
  }

  /** Get Programs. Tags and costs are never returned by this endpoint. */
  browsePrograms(request: {
    filterType?: string;
    filterValues?: readonly string[];
    maxReturn?: number;
    offset?: number;
  }): unknown[] {
    const { filterType, filterValues } = request;
    if ((filterType === undefined) !== (filterValues === undefined)) {
      this.model.reject('1003', 'filterType and filterValues must be given together');
    }
    const matches = [...this.programs.values()].filter((program) => {
      if (filterType === undefined || filterValues === undefined) return true;
      if (filterType === 'id' || filterType === 'programId') {
        return filterValues.includes(String(program.id));
      }
      if (filterType === 'folderId') return filterValues.includes(String(program.folder.value));
      if (filterType === 'workspace') return filterValues.includes(program.workspace);
      return this.model.reject('1003', `Invalid filterType '${filterType}'`);
    });
    return this.offsetPage(matches, request).map(({ tags: ignoredTags, costs, ...program }) => {
      void ignoredTags;
      void costs;
      return program;
    });
  }

  /**
   * Update Program: costs are appended unless `costsDestructiveUpdate` is true, and tags replace
   * the values of their tag types. Throws 1013 for an unknown program, 709 for an unknown tag.
   */
  updateProgram(id: number, form: Record<string, string>): unknown[] {
    const program = this.programs.get(id);
    if (program === undefined) this.model.reject('1013', `Program ${id} not found`);
    const costs = form['costs'] === undefined ? undefined : parseArray(this.model, form['costs']);
    const tags = form['tags'] === undefined ? undefined : parseArray(this.model, form['tags']);
    if (form['name'] !== undefined) program.name = form['name'];
    if (form['description'] !== undefined) program.description = form['description'];
    if (form['costsDestructiveUpdate'] === 'true') program.costs = [];
    for (const cost of costs ?? []) {
      const entry = cost as { startDate?: unknown; cost?: unknown; note?: unknown };
      if (typeof entry.startDate !== 'string' || !Number.isInteger(entry.cost)) {
        this.model.reject('1003', 'Each cost needs startDate and an integer cost');
      }
      const stored: FakeProgram['costs'][number] = {
        startDate: entry.startDate,
        cost: entry.cost as number,
      };
      if (typeof entry.note === 'string') stored.note = entry.note;
      program.costs.push(stored);
    }
    for (const tag of tags ?? []) {
      const entry = tag as { tagType?: unknown; tagValue?: unknown };
      const type = this.tagTypes.find((known) => known.tagType === entry.tagType);
      if (type === undefined || !type.allowableValues.includes(String(entry.tagValue))) {
        this.model.reject(
          '709',
          `Tag ${String(entry.tagType)} has no value ${String(entry.tagValue)}`,
        );
      }
      program.tags = program.tags.filter((existing) => existing.tagType !== type.tagType);
      program.tags.push({ tagType: type.tagType, tagValue: String(entry.tagValue) });
    }
    program.updatedAt = new Date(this.model.clock.now()).toISOString();
    return [structuredClone(program)];
  }

  addChannel(name: string, statuses: readonly [string, boolean][]): FakeChannel {
    const channel: FakeChannel = {
      id: this.nextId++,
      name,
      applicableProgramType: 'program',
      progressionStatuses: statuses.map(([statusName, success], index) => ({
        name: statusName,
        step: index * 10,
        description: null,
        hidden: false,
        success,
      })),
    };
    this.channels.push(channel);
    return channel;
  }

  getChannels(request: { maxReturn?: number; offset?: number }): unknown[] {
    return this.offsetPage(this.channels, request).map((channel) => structuredClone(channel));
  }

  channelByName(name: string): unknown[] {
    const match = this.channels.find((channel) => channel.name === name);
    return match === undefined ? [] : [structuredClone(match)];
  }

  addTagType(tagType: string, allowableValues: readonly string[], required = false): void {
    this.tagTypes.push({
      tagType,
      applicableProgramTypes: '[program,event,webinar]',
      required,
      allowableValues: [...allowableValues],
    });
  }

  /** Get Tag Types, which leaves out the allowable values. */
  getTagTypes(request: { maxReturn?: number; offset?: number }): unknown[] {
    return this.offsetPage(this.tagTypes, request).map(({ allowableValues, ...type }) => {
      void allowableValues;
      return { ...type };
    });
  }

  /** Get Tag by Name. Marketo sends the allowable values as one bracketed string. */
  tagTypeByName(name: string): unknown[] {
    const match = this.tagTypes.find((type) => type.tagType === name);
    if (match === undefined) return [];
    return [{ ...match, allowableValues: `[${match.allowableValues.join(', ')}]` }];
  }

  private offsetPage<T>(
    records: readonly T[],
    request: { maxReturn?: number; offset?: number },
  ): T[] {
    const maxReturn = request.maxReturn ?? DEFAULT_ASSET_BATCH;
    if (!Number.isInteger(maxReturn) || maxReturn < 1 || maxReturn > MAX_ASSET_BATCH) {
      this.model.reject('1003', `Invalid maxReturn ${maxReturn}`);
    }
    const offset = request.offset ?? 0;
    return records.slice(offset, offset + maxReturn);
  }
}

function parseArray(model: FakeMarketoModel, text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return model.reject('1003', `Invalid JSON array ${text}`);
  }
  if (!Array.isArray(value)) model.reject('1003', `Expected a JSON array, got ${text}`);
  return value;
}
