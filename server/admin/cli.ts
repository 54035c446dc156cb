/**
 * npm run hub:admin -- <command> [options]   (--help lists the commands)
 * Acts on the hub's database: --data-dir D (embedded PGlite in D/pgdata) or DATABASE_URL.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../src/shared/errors';
import { BlobStore } from '../content/blob-store';
import { openDatabase, type HubDatabase } from '../db/connection';
import { dataDirLayout } from '../hub';
import { holdsUnsyncedWork, syncHealth } from '../sync/sync-health';
import { listContent, publishContent, retireContent } from './content';
import { exportCsv, EXPORT_KINDS, type ExportKind } from './csv-export';
import { loadDemo } from './demo';
import { createEnrolmentCode, revokeDevice } from './devices';
import { IMPORT_KINDS, importFile, type ImportKind } from './import/import-records';
import { formatOf } from './import/read-rows';
import { addTeam, addTerritory, addUser, listPeople } from './people';

const HELP = `npm run hub:admin -- <command> [options]

Database: --data-dir DIR (the hub's embedded database) or DATABASE_URL=postgres://…
Blob store: --blob-dir DIR (default DIR/blobs). Add --json for machine-readable output.

  demo [--territory T]…                     load the demo dataset and print an enrolment code
  territory add CODE --name NAME            create or rename a territory
  team add CODE --name NAME --function F    F: marketing | field_sales | inside_sales | customer_success
  user add --name N --email E --role R [--team T] [--territory T]…
                                            R: rep | marketing | admin (territories replace earlier ones)
  people                                    list territories, teams and users
  enrol EMAIL [--days 7]                    a one-time enrolment code for the user's next device
  device revoke DEVICE_ID                   the device gets 401 DEVICE_REVOKED from now on
  health [--unsynced]                       sync health per device; --unsynced: only devices holding unsynced work
  import KIND FILE [--format csv|json] [--source NAME] [--dry-run]
                                            KIND: accounts | contacts | touchpoints; nothing is written if any row fails
  export KIND [--territory T] [--out FILE]  CSV (formula-safe) of accounts | contacts | touchpoints
  content publish FILE --title T --language L --approver NAME [--item ID | --kind pdf|image|video]
          [--mime M] [--pages N] [--tag stages=a,b]… [--key-message M]… [--valid-from DATE] [--valid-until DATE]
  content retire VERSION_ID
  content list`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    'blob-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    team: { type: 'string' },
    function: { type: 'string' },
    territory: { type: 'string', multiple: true },
    days: { type: 'string' },
    unsynced: { type: 'boolean', default: false },
    format: { type: 'string' },
    source: { type: 'string', default: 'import' },
    'dry-run': { type: 'boolean', default: false },
    out: { type: 'string' },
    title: { type: 'string' },
    language: { type: 'string' },
    approver: { type: 'string' },
    item: { type: 'string' },
    kind: { type: 'string' },
    mime: { type: 'string' },
    pages: { type: 'string' },
    tag: { type: 'string', multiple: true },
    'key-message': { type: 'string', multiple: true },
    'valid-from': { type: 'string' },
    'valid-until': { type: 'string' },
  },
});

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  mp4: 'video/mp4',
};

function usage(message: string): never {
  throw new AppError('INVALID_INPUT', `${message}\n\n${HELP}`);
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') usage(`missing ${what}`);
  return value;
}

function date(value: string | undefined, what: string): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) usage(`${what} is not a date: ${value}`);
  return ms;
}

function print(human: string, data: unknown): void {
  console.log(values.json ? JSON.stringify(data, null, 2) : human);
}

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));

async function run(database: HubDatabase, blobs: () => BlobStore): Promise<number> {
  const { db } = database;
  const now = Date.now();
  const [command, sub, arg] = positionals;
  switch (`${command} ${sub ?? ''}`.trim().split(' ')[0]) {
    case 'demo': {
      const result = await loadDemo(db, blobs(), {
        now,
        ...(values.territory ? { territories: values.territory } : {}),
      });
      const c = result.counts;
      print(
        `${result.loaded ? `Loaded the demo: ${c.accounts} accounts, ${c.contacts} contacts, ${c.touchpoints} touchpoints, ${c.events} events, ${c.contentVersions} content versions` : 'The demo dataset is already loaded'}; ${c.blobs} content files in the blob store.\n` +
          `Demo rep ${result.email} (territories: ${result.territories.join(', ')}).\n` +
          `Enrolment code (valid 7 days, one device): ${result.code}`,
        result,
      );
      return 0;
    }
    case 'territory': {
      if (sub !== 'add') usage('territory: use "territory add CODE --name NAME"');
      const code = await addTerritory(db, { code: required(arg, 'CODE'), name: required(values.name, '--name') }, now);
      print(`Territory ${code} saved.`, { code });
      return 0;
    }
    case 'team': {
      if (sub !== 'add') usage('team: use "team add CODE --name NAME --function F"');
      const code = await addTeam(
        db,
        { code: required(arg, 'CODE'), name: required(values.name, '--name'), function: values.function },
        now,
      );
      print(`Team ${code} saved.`, { code });
      return 0;
    }
    case 'user': {
      if (sub !== 'add') usage('user: use "user add --name N --email E --role R"');
      const id = await addUser(
        db,
        {
          name: values.name,
          email: values.email,
          role: values.role,
          team: values.team ?? null,
          territories: values.territory ?? [],
        },
        now,
      );
      print(`User ${values.email} saved (${id}).`, { id });
      return 0;
    }
    case 'people': {
      const people = await listPeople(db);
      print(
        [
          `Territories: ${people.territories.map((t) => t.code).join(', ') || '—'}`,
          `Teams: ${people.teams.map((t) => `${t.code} (${t.function})`).join(', ') || '—'}`,
          ...people.users.map(
            (u) =>
              `${u.name} <${u.email}> ${u.role} team=${u.teamCode ?? '—'} territories=${u.territories.join(',') || '—'}`,
          ),
        ].join('\n'),
        people,
      );
      return 0;
    }
    case 'enrol': {
      const days = values.days === undefined ? 7 : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 90) usage('--days must be 1–90');
      const { code, expiresAt } = await createEnrolmentCode(db, required(sub, 'EMAIL'), now, days);
      print(`Enrolment code for ${sub}: ${code} (one device, valid until ${time(expiresAt)} UTC)`, { code, expiresAt });
      return 0;
    }
    case 'device': {
      if (sub !== 'revoke') usage('device: use "device revoke DEVICE_ID"');
      await revokeDevice(db, required(arg, 'DEVICE_ID'), now);
      print(`Device ${arg} revoked.`, { revoked: arg });
      return 0;
    }
    case 'health': {
      const devices = (await syncHealth(db)).filter((d) => !values.unsynced || holdsUnsyncedWork(d));
      print(
        devices.length === 0
          ? 'No devices.'
          : devices
              .map(
                (d) =>
                  `${d.revoked ? 'REVOKED ' : ''}${d.user} <${d.email}> "${d.deviceName}" ${d.deviceId}\n` +
                  `  pending=${d.pendingOutbox ?? '?'} oldest pending=${time(d.oldestPendingAt)} last push=${time(d.lastPushAt)} ` +
                  `last pull=${time(d.lastPullAt)} reported=${time(d.reportedAt)} app=${d.appVersion ?? '?'}`,
              )
              .join('\n'),
        devices,
      );
      return 0;
    }
    case 'import': {
      if (!IMPORT_KINDS.includes(sub as ImportKind)) usage(`import: KIND is one of ${IMPORT_KINDS.join(', ')}`);
      const file = required(arg, 'FILE');
      const report = await importFile(db, {
        kind: sub as ImportKind,
        file,
        format: formatOf(file, values.format),
        source: values.source,
        dryRun: values['dry-run'],
        now,
      });
      const summary = `${report.rows} rows: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.errors.length} with errors`;
      const verdict = report.applied
        ? 'Imported.'
        : values['dry-run'] && report.errors.length === 0
          ? 'Dry run: nothing written.'
          : 'Nothing written: fix the rows above and run again.';
      print([...report.errors.map((e) => `row ${e.row}: ${e.message}`), summary, verdict].join('\n'), report);
      return report.errors.length > 0 ? 1 : 0;
    }
    case 'export': {
      if (!EXPORT_KINDS.includes(sub as ExportKind)) usage(`export: KIND is one of ${EXPORT_KINDS.join(', ')}`);
      const csv = await exportCsv(db, sub as ExportKind, values.territory?.[0]);
      if (values.out) writeFileSync(values.out, csv);
      else process.stdout.write(csv);
      return 0;
    }
    case 'content': {
      if (sub === 'list') {
        const versions = await listContent(db, now);
        print(
          versions
            .map(
              (v) =>
                `${v.id} ${v.title} v${v.version} [${v.state}] ${time(v.validFrom)} → ${time(v.validUntil)} file=${v.blobAvailable ? 'yes' : 'missing'}`,
            )
            .join('\n') || 'No content.',
          versions,
        );
        return 0;
      }
      if (sub === 'retire') {
        await retireContent(db, required(arg, 'VERSION_ID'));
        print(`Version ${arg} retired.`, { retired: arg });
        return 0;
      }
      if (sub !== 'publish') usage('content: use publish, retire or list');
      const file = required(arg, 'FILE');
      const extension = file.split('.').pop()?.toLowerCase() ?? '';
      const tags: Record<string, string[]> = {};
      for (const tag of values.tag ?? []) {
        const [key, list] = tag.split('=');
        if (!key || list === undefined) usage(`--tag is KEY=a,b: ${tag}`);
        tags[key] = list
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
      }
      const version = await publishContent(
        db,
        blobs(),
        {
          file,
          ...(values.item ? { itemId: values.item } : {}),
          ...(values.kind ? { kind: values.kind as 'pdf' } : {}),
          title: required(values.title, '--title'),
          language: required(values.language, '--language'),
          approver: required(values.approver, '--approver'),
          mime: values.mime ?? MIME_BY_EXTENSION[extension] ?? 'application/octet-stream',
          pageCount: values.pages ? Number(values.pages) : null,
          tags,
          keyMessages: values['key-message'] ?? [],
          validFrom: date(values['valid-from'], '--valid-from') ?? now,
          validUntil: date(values['valid-until'], '--valid-until'),
        },
        now,
      );
      print(`Published ${version.title} v${version.version} (${version.id}), sha256 ${version.sha256}.`, version);
      return 0;
    }
    default:
      usage(command ? `unknown command "${command}"` : 'no command');
  }
}

if (values.help || positionals.length === 0) {
  console.log(HELP);
  process.exit(0);
}
const dataDir = values['data-dir'];
const databaseUrl = process.env.DATABASE_URL;
if (!dataDir && !databaseUrl) {
  console.error(`Say which hub: --data-dir DIR or DATABASE_URL.\n\n${HELP}`);
  process.exit(2);
}
const blobDir = values['blob-dir'] ?? (dataDir ? dataDirLayout(dataDir).blobs : undefined);
let database: HubDatabase | undefined;
try {
  database = await openDatabase(
    databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dir: dataDirLayout(dataDir ?? '').pgdata },
  );
  const blobs = () => new BlobStore(blobDir ?? usage('--blob-dir DIR is needed with DATABASE_URL for content files'));
  process.exitCode = await run(database, blobs);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = error.code === 'INVALID_INPUT' ? 2 : 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  await database?.close();
}
