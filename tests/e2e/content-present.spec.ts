import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

/** A page shown this long counts as seen (≥ 2 s) with room to spare on a busy machine. */
const DWELL_MS = 2_600;

test('filter the library, build a deck, present it to two attendees, see it in the journey', async ({
  page,
  context,
  host,
}, testInfo) => {
  // Library: the filters narrow the list, and every card keeps its state.
  await page.goto(`${host.url}#/library`);
  const cards = page.getByTestId('content-card');
  await expect(page.getByTestId('library-count')).toHaveText('30 items');
  await page.getByTestId('filter-kind').selectOption('video');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Product demo video');
  await page.getByTestId('filter-kind').selectOption('');
  await page.getByTestId('filter-language').selectOption('en');
  await page.getByTestId('library-search').fill('proposal');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Construction industry proposal');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('library-search').fill('');
  await page.getByRole('checkbox', { name: 'Presentable only' }).check();
  await expect(page.getByTestId('library-count')).toHaveText('28 items');
  await expect(page.getByTestId('content-state').filter({ hasText: /Expired|Not yet released/ })).toHaveCount(0);

  // Deck: pages 2–3 of one PDF, then a whole one; saved.
  await page.getByRole('link', { name: 'Decks' }).click();
  await page.getByRole('link', { name: 'New deck' }).click();
  await page.getByTestId('deck-name').fill('Kick-off with IT');
  for (const title of ['Technical brief for IT', 'Financial services compliance brief']) {
    await page.getByTestId('picker-search').fill(title);
    await page.getByRole('button', { name: `Add: ${title}` }).click();
  }
  const entries = page.getByTestId('deck-entry');
  await expect(entries).toHaveCount(2);
  await entries.first().getByRole('spinbutton', { name: 'First page' }).fill('2');
  await entries.first().getByRole('spinbutton', { name: 'Last page' }).fill('3');
  await entries.first().getByRole('textbox', { name: 'Presenter notes' }).fill('Ask who signs off on security');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Deck saved');
  await expect(page.getByText('6 slides')).toBeVisible();

  // Present to two attendees from an account's buying committee.
  await page.getByTestId('deck-present').click();
  await page.getByTestId('account-picker').fill('ﾄﾗｲﾂ');
  await page.getByRole('option').first().click();
  const attendees = page.getByTestId('attendees').getByRole('checkbox');
  await attendees.nth(0).check();
  await attendees.nth(1).check();
  const names = await page.getByTestId('attendees').locator('.attendee-name').allTextContents();
  const accountName = (await page.getByTestId('picked-account').textContent()) ?? '';
  await page.getByTestId('present-start').click();

  // One screen here: this window is the audience view until P shows the presenter's.
  const audienceCanvas = page.locator('[data-testid="audience"] canvas');
  await expect(audienceCanvas).toHaveAttribute('data-rendered', /:2$/);
  const audience = await context.newPage();
  await audience.goto(`${host.url}#/audience`);
  await expect(audience.locator('canvas')).toHaveAttribute('data-rendered', /:2$/);
  await page.bringToFront();
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-notes')).toContainText('Ask who signs off on security');
  await expect(audience.getByText('Ask who signs off on security')).toHaveCount(0);

  await page.waitForTimeout(DWELL_MS); // brief p. 2
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('presenter-position')).toHaveText('Slide 2 of 6');
  await expect(audience.locator('canvas')).toHaveAttribute('data-rendered', /:3$/);
  await page.waitForTimeout(DWELL_MS); // brief p. 3
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(DWELL_MS); // compliance brief p. 1
  await page.keyboard.press('b');
  await expect(audience.locator('canvas')).toHaveCount(0);
  await page.keyboard.press('b');
  await testInfo.attach('presenter-en', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('presentation-done')).toContainText('2 touchpoints written');
  await expect(page.getByTestId('presentation-done')).toContainText('3 pages seen');
  await audience.close();

  // The journey: one "content presented" touchpoint per attendee, with the pages and their times.
  await page.getByRole('link', { name: 'Open the journey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(accountName);
  const presented = page.getByTestId('touchpoint').filter({ hasText: 'Presented “Kick-off with IT” (3 pages seen)' });
  await expect(presented).toHaveCount(2);
  for (const name of names.slice(0, 2)) await expect(presented.filter({ hasText: name })).toHaveCount(1);
  for (const card of await presented.all()) {
    const pages = card.getByTestId('presented-page');
    await expect(pages).toHaveCount(3);
    await expect(card.getByTestId('presented-details')).toContainText('Technical brief for IT v1');
    await expect(card.getByTestId('presented-details')).toContainText('Financial services compliance brief v1');
    const labels = (await pages.allTextContents()).map((text) => text.replace(/\s+\d+ s$/, ''));
    expect(labels).toEqual(['p. 2', 'p. 3', 'p. 1']);
    for (const text of await pages.allTextContents())
      expect(Number(/(\d+) s$/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    await expect(card.locator('.presented-page.not-seen')).toHaveCount(0);
  }
  await testInfo.attach('journey-presented-en', { body: await page.screenshot(), contentType: 'image/png' });
});
