import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateDataset } from '../electron/core/demo/generate';

/** Where the repository keeps the generated demo dataset (the app is told its own copy's path). */
export const DEMO_DATASET_FILE = fileURLToPath(new URL('../resources/demo/dataset.json.gz', import.meta.url));

/** The exact bytes of the demo file: gzip with a fixed header so the output is reproducible. */
export function demoDatasetBytes(): Buffer {
  return gzipSync(JSON.stringify(generateDataset()), { level: 9 });
}
