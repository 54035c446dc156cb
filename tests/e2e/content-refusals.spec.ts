import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

test('an expired item cannot be presented, and a corrupted file is detected and refused', async ({ page, host }) => {
  await page.goto(`${host.url}#/library`);
  const cards = page.getByTestId('content-card');
  const detail = page.getByTestId('content-detail');

  // Expired: listed with its state and reason; nothing offers to show it, and the core refuses anyway.
  const expired = cards.filter({ hasText: 'Expired' });
  await expect(expired).toHaveCount(1);
  await expired.click();
  await expect(detail).toContainText('CONTENT_EXPIRED');
  await expect(detail.getByRole('button', { name: 'Present' })).toBeDisabled();
  await expect(detail.getByRole('button', { name: 'Open' })).toBeDisabled();
  const refusal = await page.evaluate(async (token) => {
    const call = async (method: string, input: unknown) =>
      (await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      }).then((response) => response.json())) as { ok: boolean; value?: unknown; error?: { code: string } };
    const list = (await call('content.library', { limit: 100 })).value as {
      items: { itemId: string; shown: { problem: string | null } }[];
    };
    const item = list.items.find((candidate) => candidate.shown.problem === 'expired');
    return call('presenter.start', { itemId: item?.itemId, language: 'en' });
  }, host.token);
  expect(refusal).toMatchObject({ ok: false, error: { code: 'CONTENT_EXPIRED' } });

  // Corrupted: a stored file altered on disk is found at the hash check before it is shown, and refused.
  // Its thumbnail is drawn first, so the damage is found when the viewer opens it (not by the thumbnail).
  const brief = cards.filter({ hasText: 'Technical brief for IT' });
  await expect(brief.locator('img')).toBeVisible();
  const file = join(ROOT, 'resources/demo/content/26-technical-brief-for-it-v1.pdf');
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  const stored = join(host.dataDir, 'content', sha256.slice(0, 2), sha256);
  const bytes = readFileSync(stored);
  bytes.write('tampered', 400, 'latin1');
  writeFileSync(stored, bytes);
  await brief.click();
  await detail.getByRole('button', { name: 'Open' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByTestId('viewer-refused')).toContainText('This file cannot be shown');
  await expect(viewer.getByTestId('viewer-refused')).toContainText('CONTENT_CORRUPTED');
  await expect(viewer.locator('canvas')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(brief.getByTestId('content-state')).toHaveText('File damaged');
  await expect(detail.getByRole('button', { name: 'Present' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Presentable only' }).check();
  await expect(cards.filter({ hasText: 'Technical brief for IT' })).toHaveCount(0);
});
