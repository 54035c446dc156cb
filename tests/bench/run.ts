/**
 * npm run bench -- [--scale S] [--out FILE] [--only SUITE]
 * Default scale: the largest territory we plan for (50,000 accounts, 250,000 contacts,
 * 2,000,000 touchpoints). Prints a table and writes JSON. Goals are reported, never
 * asserted: these machines are too noisy for timing assertions in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureSuite } from './suites/capture';
import { contentSuite } from './suites/content';
import { hubSyncSuite } from './suites/hub-sync';
import { journeySuite } from './suites/journey';
import { syncEngineSuite } from './suites/sync-engine';
import type { BenchRow, BenchSuite, TerritorySize } from './types';

const SUITES: BenchSuite[] = [journeySuite, captureSuite, hubSyncSuite, contentSuite, syncEngineSuite];

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    out: { type: 'string', default: 'bench-results.json' },
    only: { type: 'string' },
    'work-dir': { type: 'string', default: join(tmpdir(), 'oneteam-bench') },
  },
});

// The planned largest territory (50,000 accounts, ~250,000 contacts, 2,000,000 touchpoints), or the demo × --scale.
const territory: TerritorySize = values.scale
  ? { accounts: Math.round(300 * Number(values.scale)), touchpoints: Math.round(20_000 * Number(values.scale)) }
  : { accounts: 50_000, touchpoints: 2_000_000 };
const workDir = values['work-dir'];
mkdirSync(workDir, { recursive: true });

function verdict(row: BenchRow): string {
  if (row.target === undefined) return '';
  const ok = row.lowerIsBetter ? row.value <= row.target : row.value >= row.target;
  return ok ? 'PASS' : 'MISS';
}

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(2));

const rows: BenchRow[] = [];
for (const suite of SUITES) {
  if (values.only && !suite.name.includes(values.only)) continue;
  console.log(`\n▶ ${suite.name} (${territory.accounts} accounts, ${territory.touchpoints} touchpoints)`);
  rows.push(...(await suite.run({ territory, workDir })));
}

console.log('\n| metric | ours | floor | goal | | note |\n|---|---:|---:|---:|---|---|');
for (const row of rows) {
  const goal = row.target === undefined ? '' : `${row.lowerIsBetter ? '≤' : '≥'} ${row.target}`;
  console.log(
    `| ${row.metric} | ${fmt(row.value)} ${row.unit} | ${fmt(row.floor)} | ${goal} | ${verdict(row)} | ${row.note ?? ''} |`,
  );
}
writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), territory, rows }, null, 2));
console.log(`\nwrote ${values.out}`);
