import { test as base } from '@playwright/test';
import { launchHost, type RunningHost } from '../support/host';

/** Every test gets its own host process and data folder: nothing leaks between tests. */
export const test = base.extend<{ host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await launchHost();
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
