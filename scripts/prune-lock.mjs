// Drops optional dependencies that package-lock.json lists but has no entry for. The registry
// this project installs from serves the Codemod CLI's platform packages for Linux x64 only, so
// `npm install` records the others as wanted but cannot lock them, and `npm ci` then rejects
// the lock file. Run `node scripts/prune-lock.mjs` after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const locked = new Set(Object.keys(lock.packages));
let dropped = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  const folder = key === '' ? 'node_modules/' : `${key}/node_modules/`;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (locked.has(`${folder}${name}`) || locked.has(`node_modules/${name}`)) continue;
    delete entry.optionalDependencies[name];
    dropped++;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Dropped ${dropped} optional dependencies that the lock file has no entry for.`);
