// `npm run bench`: runs every bench/*.bench.mjs in turn (each makes its own fresh database),
// or only those whose name contains an argument: `npm run bench -- enrolment`. At the end it
// prints the summary table of the platform as deployed (issue 14): each figure as
// `product / baseline = ratio` against its goal, all measured in this run.
// `npm run bench -- deployed` runs only the benchmarks that table needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEPLOYED = ['enrolment', 'certificates', 'catalogue', 'start'];

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const filters = process.argv.slice(2).flatMap((x) => (x === 'deployed' ? DEPLOYED : [x]));
const scripts = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (scripts.length === 0) {
  process.stdout.write('No benchmarks found in bench/.\n');
}
const summaryFile = join(mkdtempSync(join(tmpdir(), 'schakel-bench-')), 'summary.jsonl');
let failed = 0;
for (const script of scripts) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const result = spawnSync(process.execPath, [join(benchDir, script)], { stdio: 'inherit', env: { ...process.env, BENCH_SUMMARY_FILE: summaryFile } });
  if (result.status !== 0) failed += 1;
}
printSummary();
process.exit(failed ? 1 : 0);

function printSummary() {
  if (!existsSync(summaryFile)) return;
  const rows = readFileSync(summaryFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const number = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const lines = [
    '| figure | product / baseline = ratio | goal | met |',
    '|---|---|---|---|',
    ...rows.map((row) => {
      const value =
        row.baseline === undefined
          ? number(row.product)
          : `${number(row.product)} / ${number(row.baseline)} (${row.baselineName}) = ${(row.product / row.baseline).toFixed(2)}`;
      return `| ${row.figure} | ${value} | ${row.goal} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} |`;
    }),
  ];
  process.stdout.write(`\nPerformance as deployed (API + worker, mail over SMTP), ${new Date().toISOString()}\n${lines.join('\n')}\n`);
}
