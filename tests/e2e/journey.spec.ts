import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

test('search → open journey → filter by stage → add a touchpoint → switch language', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  const search = page.getByTestId('account-search');
  await expect(search).toBeFocused();
  await expect(page.getByTestId('account-count')).toHaveText('300 accounts');

  // Half-width katakana finds the full-width name; the keyboard opens the first hit.
  await search.fill('ﾄﾗｲﾂ');
  await expect(page.getByTestId('account-results').getByRole('option').first()).toContainText('トライツ');
  const count = await page.getByTestId('account-results').getByRole('option').count();
  expect(count).toBeGreaterThan(0);
  await search.press('Enter');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('トライツ');
  const accountName = (await heading.textContent()) ?? '';
  await expect(page.getByTestId('touchpoint').first()).toBeVisible();

  // Romaji finds the same account.
  await search.fill('toraitsu');
  await expect(
    page.getByTestId('account-results').getByRole('option', { name: new RegExp(accountName) }),
  ).toBeVisible();

  // Filter by the first stage that has touchpoints: every card shown is in that stage.
  const stageButton = page
    .locator('.stage-step button')
    .filter({ hasNotText: /^.*\b0 touchpoints$/ })
    .first();
  const stageName = (await stageButton.locator('.stage-name').textContent()) ?? '';
  await stageButton.click();
  await expect(stageButton).toHaveAttribute('aria-pressed', 'true');
  const groups = page.locator('.timeline-group');
  await expect(groups.first()).toHaveText(stageName);
  await expect(groups).toHaveCount(1);
  await page.getByRole('button', { name: 'Show all stages' }).click();

  // Channel filter narrows the timeline to one channel.
  const channel = page.getByTestId('channel-filter');
  await channel.selectOption({ index: 1 });
  const channelLabel = ((await channel.locator('option:checked').textContent()) ?? '').replace(/ \(\d+\)$/, '');
  const tags = page.getByTestId('touchpoint').locator('.channel-tag');
  await expect(tags.first()).toHaveText(channelLabel);
  for (const tag of await tags.all()) await expect(tag).toHaveText(channelLabel);
  await channel.selectOption({ index: 0 });

  // Add a meeting note with the keyboard only; it appears at the top at once.
  await page.getByRole('button', { name: /Add touchpoint/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Add touchpoint' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Summary/).fill('Requirements workshop with IT');
  await dialog.getByLabel(/Notes/).fill('Security review is the next gate.');
  await dialog.getByRole('checkbox').first().check();
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Touchpoint saved');
  const newest = page.getByTestId('touchpoint').first();
  await expect(newest).toContainText('Requirements workshop with IT');
  await expect(newest).toContainText('Security review is the next gate.');
  await testInfo.attach('journey-en', { body: await page.screenshot(), contentType: 'image/png' });

  // Switch to Japanese in settings: the whole UI follows, and stays after a reload.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('language-select').selectOption('ja');
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
  await page.getByRole('link', { name: '取引先' }).click();
  await expect(page.getByTestId('account-count')).toHaveText('300 社');
  await page.reload();
  await expect(page.getByRole('link', { name: '取引先' })).toBeVisible();
  await search.fill(accountName);
  await search.press('Enter');
  await expect(page.getByRole('button', { name: /接点を追加/ })).toBeVisible();
  await expect(page.getByTestId('touchpoint').first()).toContainText('Requirements workshop with IT');
  await testInfo.attach('journey-ja', { body: await page.screenshot(), contentType: 'image/png' });
});

test('bad input in the add dialog is shown next to the field and nothing is saved', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('account-results').getByRole('option').first().click();
  const cards = page.getByTestId('touchpoint');
  await expect(cards.first()).toBeVisible();
  const firstBefore = await cards.first().textContent();

  await page.getByRole('button', { name: /Add touchpoint/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This cannot be empty.');
  await expect(dialog.getByRole('alert')).toContainText('REQUIRED');

  await dialog.getByLabel(/Summary/).fill('Long note');
  await dialog.getByLabel(/Notes/).fill('x'.repeat(20_050));
  await expect(dialog.locator('.counter.over')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This is too long.');
  await expect(dialog.getByRole('alert')).toContainText('TOO_LONG');

  // A cleared "when" is refused next to it, never taken for now.
  await dialog.getByLabel(/Notes/).fill('Short note');
  await dialog.getByLabel(/When/).fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel(/When/).locator('xpath=..').getByRole('alert')).toContainText('INVALID_INPUT');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cards.first()).toHaveText(firstBefore ?? '');
});

test('the account list is keyboard operable', async ({ page, host }) => {
  await page.goto(host.url);
  const search = page.getByTestId('account-search');
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  const third = page.getByTestId('account-results').getByRole('option').nth(2);
  await expect(third).toHaveClass(/active/);
  const name = (await third.locator('.account-name').textContent()) ?? '';
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await page.locator('body').click({ position: { x: 900, y: 20 } });
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
});
