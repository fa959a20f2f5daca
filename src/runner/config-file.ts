import { readFile } from 'node:fs/promises';

import type { MigrationConfig } from '../core/types.js';
import { UsageError, errorMessage } from './errors.js';

const KNOWN_KEYS: ReadonlySet<string> = new Set(['foreignSysPersonIdField', 'workspacePartitions']);

/**
 * Reads and validates the `--config` JSON file.
 *
 * @throws UsageError when the file cannot be read, is not JSON, or does not have the
 *   `MigrationConfig` shape. The message names the file and the problem.
 */
export async function loadConfigFile(filePath: string): Promise<MigrationConfig> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read config file ${filePath}: ${errorMessage(error)}`);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Invalid config file ${filePath}: not valid JSON: ${errorMessage(error)}`);
  }

  const problem = findConfigProblem(value);
  if (problem !== null) {
    throw new UsageError(`Invalid config file ${filePath}: ${problem}`);
  }
  return value as MigrationConfig;
}

/** Returns a sentence describing the first way `value` is not a `MigrationConfig`, or null. */
export function findConfigProblem(value: unknown): string | null {
  if (!isPlainObject(value)) {
    return `expected a JSON object, got ${describeJsonType(value)}.`;
  }

  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) {
      return `unknown key "${key}". Known keys: ${[...KNOWN_KEYS].join(', ')}.`;
    }
  }

  const field = value['foreignSysPersonIdField'];
  if (field !== undefined && (typeof field !== 'string' || field.trim() === '')) {
    return `"foreignSysPersonIdField" must be a non-empty string, got ${describeJsonType(field)}.`;
  }

  const partitions = value['workspacePartitions'];
  if (partitions !== undefined) {
    if (!isPlainObject(partitions)) {
      return (
        '"workspacePartitions" must be an object mapping SOAP workspace names to REST ' +
        `partition names, got ${describeJsonType(partitions)}.`
      );
    }
    for (const [workspace, partition] of Object.entries(partitions)) {
      if (typeof partition !== 'string' || partition.trim() === '') {
        return (
          `"workspacePartitions.${workspace}" must be a non-empty string, ` +
          `got ${describeJsonType(partition)}.`
        );
      }
    }
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? 'an empty string' : 'a string';
  }
  return `a ${typeof value}`;
}
