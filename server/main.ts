/**
 * npm run hub -- --data-dir D --port P [--host H] [--blob-dir B] [--max-body-mb N]
 * Embedded PostgreSQL (PGlite) in D/pgdata unless DATABASE_URL names a PostgreSQL server.
 * Prints "READY http://H:P" once it listens; SIGINT/SIGTERM shut it down gracefully.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../src/shared/errors';
import { dataDirLayout, DEFAULT_MAX_BODY_BYTES, startHub } from './hub';
import { createLogger } from './logger';

const USAGE =
  'usage: npm run hub -- --data-dir DIR [--port PORT] [--host 127.0.0.1] [--blob-dir DIR] [--max-body-mb N]\n' +
  '       DATABASE_URL=postgres://… selects a PostgreSQL server instead of the embedded one in DIR.';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'blob-dir': { type: 'string' },
    'max-body-mb': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const dataDir = values['data-dir'];
const port = Number(values.port);
const maxBodyMb = values['max-body-mb'] === undefined ? null : Number(values['max-body-mb']);
const databaseUrl = process.env.DATABASE_URL;
// A limit that is not a positive number (NaN, say) would switch the request size limit off.
const badLimit = maxBodyMb !== null && !(Number.isFinite(maxBodyMb) && maxBodyMb > 0);
if (values.help || !dataDir || !Number.isInteger(port) || port < 0 || port > 65535 || badLimit) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const logger = createLogger();
const layout = dataDirLayout(dataDir);
const hub = await startHub({
  database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dir: layout.pgdata },
  blobDir: values['blob-dir'] ?? layout.blobs,
  host: values.host,
  port,
  logger,
  maxBodyBytes: maxBodyMb === null ? DEFAULT_MAX_BODY_BYTES : Math.floor(maxBodyMb * 1024 * 1024),
}).catch((error: unknown) => {
  // A refusal the admin can act on (a database from a newer hub, a data folder in use) is said plainly.
  if (error instanceof AppError) {
    logger.fatal({ code: error.code }, error.message);
    console.error(`${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
});
logger.info({ url: hub.url, database: hub.database.kind }, 'hub listening');
console.log(`READY ${hub.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
