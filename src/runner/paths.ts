import path from 'node:path';

/** Returns true when `target` is strictly inside `directory`. Both must be absolute. */
export function isInside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** Returns true when `target` is `directory` or inside it. */
export function isSameOrInside(directory: string, target: string): boolean {
  return path.resolve(directory) === path.resolve(target) || isInside(directory, target);
}

/** Orders strings by UTF-16 code units, so the order is the same in every locale. */
export function compareCodeUnits(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}

/** Converts a relative path to forward slashes, as git, patches and import specifiers use. */
export function toPosix(relativePath: string): string {
  return relativePath.split(path.sep).join('/');
}
