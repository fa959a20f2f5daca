/**
 * A validator for the subset of JSON Schema draft 2020-12 that `docs/report-schema.md` uses:
 * `type`, `const`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`,
 * `minimum` and local `$ref` into `$defs`. Any other keyword throws, so a schema that grows
 * past the subset fails loudly instead of passing unchecked.
 *
 * NOTE: a maintained validator such as ajv would replace this once it is a dev dependency.
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const KEYWORDS = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'minimum',
  '$ref',
]);

/** Returns the problems of `value` against `schema`, as `path: message`, or an empty list. */
export function validateJson(value: unknown, root: Schema): string[] {
  const problems: string[] = [];
  check(value, root, root, '$', problems);
  return problems;
}

function check(value: unknown, schema: Schema, root: Schema, at: string, problems: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`Unsupported JSON Schema keyword "${keyword}" at ${at}`);
    }
  }

  const reference = schema['$ref'];
  if (typeof reference === 'string') {
    check(value, resolveReference(reference, root), root, at, problems);
  }
  if ('type' in schema) {
    const types = [schema['type']].flat() as string[];
    if (!types.some((type) => hasType(value, type))) {
      problems.push(`${at}: expected ${types.join(' or ')}, got ${JSON.stringify(value)}`);
      return;
    }
  }
  if ('const' in schema && value !== schema['const']) {
    problems.push(`${at}: expected ${JSON.stringify(schema['const'])}`);
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    problems.push(
      `${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`,
    );
  }
  const minimum = schema['minimum'];
  if (typeof minimum === 'number' && typeof value === 'number' && value < minimum) {
    problems.push(`${at}: ${value} is below the minimum ${minimum}`);
  }
  if (Array.isArray(schema['anyOf'])) {
    const matches = (schema['anyOf'] as Schema[]).some(
      (option) => validateAt(value, option, root, at).length === 0,
    );
    if (!matches) {
      problems.push(`${at}: matches none of the anyOf schemas`);
    }
  }
  if (Array.isArray(value) && isSchema(schema['items'])) {
    value.forEach((item, index) =>
      check(item, schema['items'] as Schema, root, `${at}[${index}]`, problems),
    );
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    checkObject(value as Record<string, unknown>, schema, root, at, problems);
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  root: Schema,
  at: string,
  problems: string[],
): void {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  for (const name of (schema['required'] ?? []) as string[]) {
    if (!(name in value)) {
      problems.push(`${at}: missing required property "${name}"`);
    }
  }
  for (const [name, item] of Object.entries(value)) {
    const propertySchema = properties[name];
    if (propertySchema !== undefined) {
      check(item, propertySchema, root, `${at}.${name}`, problems);
    } else if (schema['additionalProperties'] === false) {
      problems.push(`${at}: unexpected property "${name}"`);
    } else if (isSchema(schema['additionalProperties'])) {
      check(item, schema['additionalProperties'], root, `${at}.${name}`, problems);
    }
  }
}

function validateAt(value: unknown, schema: Schema, root: Schema, at: string): string[] {
  const problems: string[] = [];
  check(value, schema, root, at, problems);
  return problems;
}

function resolveReference(reference: string, root: Schema): Schema {
  const match = /^#\/\$defs\/([\w-]+)$/.exec(reference);
  const definitions = root['$defs'] as Record<string, Schema> | undefined;
  const target = match?.[1] === undefined ? undefined : definitions?.[match[1]];
  if (target === undefined) {
    throw new Error(`Cannot resolve $ref ${reference}`);
  }
  return target;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      throw new Error(`Unsupported JSON Schema type "${type}"`);
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
