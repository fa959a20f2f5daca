import { describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { findConfigProblem } from '../../src/runner/config-file.js';
import { UsageError } from '../../src/runner/errors.js';
import { selectTransforms } from '../../src/runner/transform-selection.js';

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: '' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: '' },
  { name: 'syncLead', soapOperation: 'syncLead', restEndpoints: [], summary: '' },
];

describe('selectTransforms', () => {
  it('selects every transform by default', () => {
    expect(selectTransforms(undefined, registry)).toEqual(['client', 'getLead', 'syncLead']);
  });

  it('adds client to the requested names', () => {
    expect(selectTransforms(['syncLead'], registry)).toEqual(['client', 'syncLead']);
  });

  it('accepts repeated and comma-separated names', () => {
    expect(selectTransforms(['syncLead, getLead', 'getLead'], registry)).toEqual([
      'client',
      'syncLead',
      'getLead',
    ]);
  });

  it('rejects an unknown name, listing the valid ones', () => {
    expect(() => selectTransforms(['GetLead'], registry)).toThrow(
      new UsageError('Unknown transform "GetLead". Valid names: client, getLead, syncLead.'),
    );
  });

  it('rejects an empty name', () => {
    expect(() => selectTransforms(['getLead,'], registry)).toThrow(UsageError);
  });
});

describe('findConfigProblem', () => {
  const cases: [string, unknown, string | null][] = [
    ['empty object', {}, null],
    [
      'full config',
      { foreignSysPersonIdField: 'crmId__c', workspacePartitions: { Default: 'Default' } },
      null,
    ],
    ['array', [], 'expected a JSON object, got an array.'],
    ['null', null, 'expected a JSON object, got null.'],
    [
      'unknown key',
      { foreignSysPersonId: 'x' },
      'unknown key "foreignSysPersonId". Known keys: foreignSysPersonIdField, workspacePartitions.',
    ],
    [
      'blank field',
      { foreignSysPersonIdField: ' ' },
      '"foreignSysPersonIdField" must be a non-empty string, got an empty string.',
    ],
    [
      'partitions as string',
      { workspacePartitions: 'Default' },
      '"workspacePartitions" must be an object mapping SOAP workspace names to REST partition names, got a string.',
    ],
    [
      'partition as number',
      { workspacePartitions: { EMEA: 2 } },
      '"workspacePartitions.EMEA" must be a non-empty string, got a number.',
    ],
  ];

  it.each(cases)('%s', (_name, value, expected) => {
    expect(findConfigProblem(value)).toBe(expected);
  });
});
