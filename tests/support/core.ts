import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { DEMO_DATASET, MIGRATIONS, tempDir } from './paths';

export interface TestCore extends Core {
  dataDir: string;
  /** Calls a method and returns its value, failing the test on an error result. */
  value<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function startCore(options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const core = createCore({
    dataDir,
    migrationsFolder: MIGRATIONS,
    demoDatasetFile: DEMO_DATASET,
    version: 'test',
    ...options,
  });
  return {
    ...core,
    dataDir,
    async value(method, input) {
      const result = await core.dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
  };
}
