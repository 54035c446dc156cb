/**
 * npm run web -- --data-dir D --port P [--hub URL]
 * Prints "READY http://127.0.0.1:P/?token=T" once it listens.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    hub: { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const dataDir = values['data-dir'];
if (!dataDir) {
  console.error('usage: npm run web -- --data-dir DIR --port PORT [--hub URL] [--no-demo]');
  process.exit(2);
}
const rendererDir = root('out/renderer');
if (!existsSync(`${rendererDir}/index.html`)) {
  console.error('The renderer is not built yet: run `npm run build` first.');
  process.exit(2);
}

const host = await startWebHost({
  dataDir,
  port: Number(values.port),
  rendererDir,
  migrationsFolder: root('drizzle'),
  // A configured hub means real data comes from it: no demo dataset then.
  demoDatasetFile: values['no-demo'] || values.hub ? undefined : root('resources/demo/dataset.json.gz'),
  suggestedHubUrl: values.hub,
  version: process.env.npm_package_version ?? '0.0.0',
});
console.log(`READY ${host.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
