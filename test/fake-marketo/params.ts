/** Splits a comma-separated query parameter. An absent or empty parameter gives undefined. */
export function csv(value: string | undefined): string[] | undefined {
  return value === undefined || value === '' ? undefined : value.split(',');
}
