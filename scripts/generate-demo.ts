/**
 * Writes resources/demo/dataset.json.gz, the demo dataset the app loads on first run.
 * Deterministic: a test regenerates it and compares bytes, so the committed file always
 * matches this generator.
 */
import { writeFileSync } from 'node:fs';
import { demoDatasetBytes, DEMO_DATASET_FILE } from './demo-dataset';

writeFileSync(DEMO_DATASET_FILE, demoDatasetBytes());
console.log(`wrote ${DEMO_DATASET_FILE}`);
