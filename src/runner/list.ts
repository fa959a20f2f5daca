import type { TransformInfo } from '../core/registry-types.js';

/** Formats the transform registry for `list`: one block per transform. */
export function formatTransformList(registry: readonly TransformInfo[]): string {
  const width = Math.max(...registry.map((info) => info.name.length));
  const blocks = registry.map((info) => {
    const operation =
      info.soapOperation === null ? 'client setup' : `SOAP operation ${info.soapOperation}`;
    const lines = [`${info.name.padEnd(width)}  ${operation}`, `  ${info.summary}`];
    for (const endpoint of info.restEndpoints) {
      lines.push(`  REST ${endpoint}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Formats the transform registry for `list --json`: an array of `TransformInfo` objects. */
export function formatTransformListJson(registry: readonly TransformInfo[]): string {
  const entries = registry.map((info) => ({
    name: info.name,
    soapOperation: info.soapOperation,
    restEndpoints: info.restEndpoints,
    summary: info.summary,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}
