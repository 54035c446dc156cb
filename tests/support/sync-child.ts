/**
 * One device syncing, as its own process, so a test can kill it for real (SIGKILL) at a
 * chosen point: just before its n-th request to the hub, just after the hub answered it
 * (the answer is lost with the process), or a few milliseconds after the answer arrived
 * (while the page is being applied). Prints `DONE` when a run finishes undisturbed.
 *
 *   node --import tsx tests/support/sync-child.ts <dataDir> <pageSize> <killAtRequest|0> <before|after|during> <newCaptures>
 */
import { createCore } from '../../electron/core/core';
import { MIGRATIONS } from './paths';

const [dataDir, pageSize = '1000', killAtText = '0', mode = 'before', capturesText = '0'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: sync-child <dataDir> <pageSize> <killAtRequest> <mode> <newCaptures>');
const killAt = Number(killAtText);
const die = () => process.kill(process.pid, 'SIGKILL');

let requests = 0;
const fetchWithDeath: typeof fetch = async (input, init) => {
  requests++;
  if (requests === killAt && mode === 'before') die();
  const response = await fetch(input, init);
  if (requests === killAt && mode === 'after') die();
  if (requests === killAt && mode === 'during') setTimeout(die, Math.floor(Math.random() * 4));
  return response;
};

const core = createCore({
  dataDir,
  migrationsFolder: MIGRATIONS,
  version: 'child',
  syncIntervalMs: 3_600_000,
  syncPageSize: Number(pageSize),
  fetch: fetchWithDeath,
});
const call = async (method: string, input: unknown) => {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
};

// New visitors each run, so there is always something to push while the test kills runs.
const captures = Number(capturesText);
if (captures > 0) {
  const [event] = (await call('events.list', {})) as { id: string }[];
  const stamp = Date.now();
  for (let n = 0; n < captures; n++) {
    await call('capture.save', {
      eventId: event?.id,
      language: 'en',
      fields: {
        familyName: 'Visitor',
        givenName: `${stamp}-${n}`,
        company: 'Kill Test GmbH',
        emails: [`v${stamp}${n}@kill.example.com`],
        cardGiven: true,
      },
    });
  }
  process.stdout.write(`CAPTURED ${captures}\n`);
}
core.subscribe((event, payload) => {
  if (event === 'sync.status' && (payload as { state: string }).state !== 'syncing') process.stdout.write('DONE\n');
});
await call('sync.now', {});
