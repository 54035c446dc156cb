import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { DATABASE_FILE } from '../../electron/core/core';
import { launchHost } from '../support/host';
import { tempDir } from '../support/paths';

base.use({ locale: 'ja-JP' });

base('a damaged database opens the recovery screen, and starting fresh keeps the file', async ({ page }, testInfo) => {
  const dataDir = tempDir('oneteam-corrupt-');
  writeFileSync(join(dataDir, DATABASE_FILE), 'not a database '.repeat(400));
  const host = await launchHost({ dataDir });
  try {
    await page.goto(host.url);
    const card = page.getByRole('alertdialog');
    await expect(card).toContainText('ローカルデータベースを開けません');
    await expect(card).toContainText('DB_CORRUPT');
    await expect(card).toContainText(join(dataDir, DATABASE_FILE));
    await testInfo.attach('recovery-ja', { body: await page.screenshot(), contentType: 'image/png' });
    await card.getByRole('button', { name: 'ファイルを残して新しく始める' }).click();
    await expect(page.getByTestId('account-count')).toHaveText('300 社');
  } finally {
    await host.stop();
  }
});
