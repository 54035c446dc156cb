import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { dataDirLayout, createHub } from '../../server/hub';
import { createLogger } from '../../server/logger';
import { publishContent } from '../../server/admin/content';
import { createEnrolmentCode } from '../../server/admin/devices';
import { addTeam, addTerritory, addUser } from '../../server/admin/people';
import { ROOT } from './paths';

export interface RunningHub {
  url: string;
  /** SIGTERM: the hub drains in-flight requests and closes its database. */
  stop(): Promise<void>;
  /** SIGKILL: the hub dies on the spot, as in a crash. */
  kill(): Promise<void>;
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
      const end = (signal: NodeJS.Signals) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill(signal);
        });
      resolve({ url: match[1], stop: () => end('SIGTERM'), kill: () => end('SIGKILL') });
    });
  });
}

export interface Seeded {
  codes: string[];
  /** The content item published for everyone, and its first version. */
  content: { itemId: string; versionId: string; sha256: string };
}

const MIME = { pdf: 'application/pdf', video: 'video/mp4' } as const;

/**
 * Sets up a hub folder while no hub runs on it (the embedded database allows one process
 * at a time): a team, the territories, one rep per entry with an enrolment code, and one
 * approved file (a PDF unless `kind` says otherwise) for everyone.
 */
export async function seedHub(
  dataDir: string,
  reps: { name: string; territory: string }[],
  file: string,
  kind: keyof typeof MIME = 'pdf',
): Promise<Seeded> {
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
    const version = await publishContent(
      db,
      hub.blobs,
      {
        file,
        kind,
        title: 'Adoption guide',
        language: 'en',
        mime: MIME[kind],
        pageCount: null,
        tags: { stages: ['problem_identification'] },
        keyMessages: [],
        validFrom: now - 86_400_000,
        validUntil: null,
        approver: 'Marketing',
      },
      now,
    );
    return { codes, content: { itemId: version.itemId, versionId: version.id, sha256: version.sha256 } };
  } finally {
    await hub.close();
  }
}

/** `npm run hub:admin -- <args> --data-dir D --json`, for steps a marketer does with the CLI. */
export function hubAdmin(dataDir: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/admin/cli.ts', ...args, '--data-dir', dataDir, '--json'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as unknown)
        : reject(new Error(`hub:admin ${args.join(' ')} failed (${code}):\n${err}${out}`)),
    );
  });
}
