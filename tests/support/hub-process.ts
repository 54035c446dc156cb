import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { dataDirLayout, createHub } from '../../server/hub';
import { createLogger } from '../../server/logger';
import { createEnrolmentCode } from '../../server/admin/devices';
import { addTeam, addTerritory, addUser } from '../../server/admin/people';
import { ROOT } from './paths';

export interface RunningHub {
  url: string;
  stop(): Promise<void>;
}

/** A port free right now, so a hub can be restarted at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `npm run hub`'s program as its own process (embedded PGlite in `dataDir`), waited for until READY. */
export function launchHub(dataDir: string, port: number): Promise<RunningHub> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--data-dir', dataDir, '--port', String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${stderr}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^READY (\S+)$/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * Sets up people on a hub folder while no hub runs on it (the embedded database allows one
 * process at a time): a team, the territories, and one rep per entry with an enrolment code.
 */
export async function seedReps(dataDir: string, reps: { name: string; territory: string }[]): Promise<string[]> {
  const layout = dataDirLayout(dataDir);
  const hub = await createHub({
    database: { kind: 'pglite', dir: layout.pgdata },
    blobDir: layout.blobs,
    logger: createLogger('silent'),
  });
  const { db } = hub.database;
  const now = Date.now();
  try {
    await addTeam(db, { code: 'field', name: 'Field sales', function: 'field_sales' }, now);
    const codes: string[] = [];
    for (const [index, rep] of reps.entries()) {
      await addTerritory(db, { code: rep.territory, name: rep.territory.toUpperCase() }, now);
      const email = `rep${index}@e2e.example.com`;
      await addUser(db, { name: rep.name, email, role: 'rep', team: 'field', territories: [rep.territory] }, now);
      codes.push((await createEnrolmentCode(db, email, now)).code);
    }
    return codes;
  } finally {
    await hub.close();
  }
}
