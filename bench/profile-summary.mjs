// Summarises a V8 CPU profile (from BENCH_PROFILE=<dir> npm run bench, or node --cpu-prof):
// self time per function and per package, largest first.
//   node bench/profile-summary.mjs <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
// Shares of the time the process was busy: idle samples (waiting for I/O) are left out.
const idleIds = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
for (const id of idleIds) selfTicks.delete(id);
const total = [...selfTicks.values()].reduce((sum, ticks) => sum + ticks, 0);

const packageOf = (url) => {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1).split('/').slice(0, 4).join('/') : url;
};

const byFunction = new Map();
const byPackage = new Map();
for (const [id, ticks] of selfTicks) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'} ${packageOf(callFrame.url)}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ticks);
  const pkg = packageOf(callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ticks);
}
const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, ticks] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${((100 * ticks) / total).toFixed(1).padStart(5)} %  ${name}\n`);
  }
};
print(`self time by package (${total} busy samples of ${profile.samples.length})`, byPackage);
print('self time by function', byFunction);
