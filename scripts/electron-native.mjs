/**
 * Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/,
 * leaving node_modules' Node-ABI build (used by tests, the host and benchmarks) alone.
 * The core process loads it through better-sqlite3's `nativeBinding` option.
 *
 * Runs before `npm start`. It needs the network once (Electron headers or a prebuilt
 * binary from GitHub); afterwards it finds the file and does nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(mkdtempSync(join(tmpdir(), 'oneteam-native-')), 'better-sqlite3');
cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });

const run = (command, args) =>
  execFileSync(command, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
try {
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    '--runtime',
    'electron',
    '--target',
    electronVersion,
  ]);
} catch {
  console.log('No prebuilt binary; compiling against Electron headers instead.');
  run('npx', [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
mkdirSync(dirname(target), { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(dirname(work), { recursive: true, force: true });
console.log(`Wrote ${target}`);
