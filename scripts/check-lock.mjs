#!/usr/bin/env node
// The lock must install the same tree tomorrow. A dependency declared as a dist-tag ("latest",
// "next"...) instead of a range resolves to whatever the registry says today, so `npm ci` on a fresh
// machine fails ("Missing: x@new from lock file") the day the tag moves — CI broke exactly so on
// lighthouse's @paulirish/trace_engine. Such edges must be pinned in package.json's "overrides".
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const isTag = (spec) => /^[a-z][\w.-]*$/i.test(spec) && !/^(file|link|workspace|npm|git|http)/.test(spec);

function overridden(parentName, depName) {
  const o = pkg.overrides ?? {};
  if (typeof o[depName] === 'string') return true;
  const scoped = Object.entries(o).find(([k]) => k === parentName || k.startsWith(`${parentName}@`));
  return Boolean(scoped && typeof scoped[1] === 'object' && scoped[1][depName]);
}

const problems = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!path) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  for (const kind of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const [dep, spec] of Object.entries(entry[kind] ?? {})) {
      if (isTag(spec) && !overridden(name, dep)) problems.push(`${name} depends on ${dep}@"${spec}"`);
    }
  }
}

if (problems.length) {
  console.error('package-lock.json has dependencies on moving dist-tags; pin them in package.json "overrides":');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('package-lock.json: no dependency on a moving dist-tag');
