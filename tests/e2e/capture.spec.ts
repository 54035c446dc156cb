import type { Page } from '@playwright/test';
import { callHost as api, launchHost, type RunningHost } from '../support/host';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

async function openEventMode(page: Page, host: RunningHost, eventName: string) {
  await page.goto(`${host.url}#/events`);
  await page
    .getByTestId('event-card')
    .filter({ hasText: eventName })
    .getByRole('link', { name: 'Open event mode' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: eventName })).toBeVisible();
}

/** One visitor, typed with the keyboard only: family, given, (skip readings) company, (skip reading, title, dept) e-mail, Enter. */
async function typeVisitor(page: Page, n: number) {
  const family = page.locator('input[name=familyName]');
  await expect(family).toBeFocused();
  await page.keyboard.type(`Visitor${n}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kim');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.keyboard.type(`Booth Test ${n} GmbH`);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await page.keyboard.type(`kim.visitor${n}@booth-test-${n}.example.com`);
}

async function saveWithEnter(page: Page, name: string) {
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('capture-notice')).toContainText(`Saved: ${name}`);
}

const EVENT = 'Japan IT Week 秋 2026';

test('a shift of 20 visitors, keyboard only, survives the app being killed mid-shift', async ({ page }) => {
  test.setTimeout(240_000);
  let host = await launchHost();
  try {
    const events = await api<{ id: string; name: string }[]>(host, 'events.list', {});
    const eventId = events.find((e) => e.name === EVENT)!.id;
    // An existing contact from the demo data, to be recognised at the booth.
    const { items } = await api<{ items: { id: string }[] }>(host, 'accounts.search', { query: '', limit: 1 });
    const { contacts } = await api<{ contacts: { id: string; name: string; emails: string[] }[] }>(
      host,
      'accounts.get',
      { id: items[0]!.id },
    );
    const known = contacts.find((c) => c.emails.length > 0)!;

    await openEventMode(page, host, EVENT);
    const unsynced = page.getByTestId('unsynced-count');
    await expect(unsynced).toHaveText('Every capture is on the hub');

    for (let n = 1; n <= 12; n++) {
      if (n === 5) {
        // A visitor we already know: the e-mail finds them; Alt+1 attaches the capture to them.
        for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
        await expect(page.locator('input[name=emails]')).toBeFocused();
        await page.keyboard.type(known.emails[0]!);
        await expect(page.getByTestId('candidate').first()).toContainText(known.name);
        await expect(page.getByTestId('candidate').first()).toContainText('Same e-mail');
        await page.keyboard.press('Alt+1');
        await expect(page.getByTestId('attached')).toContainText(known.name);
        await saveWithEnter(page, known.name);
        continue;
      }
      if (n === 8) {
        // A badge scanner "types" a vCard into the scan box.
        await page
          .getByTestId('scan-input')
          .fill(
            [
              'BEGIN:VCARD',
              'VERSION:3.0',
              'N;CHARSET=UTF-8:山田;花子;;;',
              'X-PHONETIC-LAST-NAME:ヤマダ',
              'X-PHONETIC-FIRST-NAME:ハナコ',
              'ORG:株式会社スキャン工業',
              'EMAIL:hanako@scan-kogyo.example.jp',
              'TEL:03-5555-0100',
              'END:VCARD',
            ].join('\r\n'),
          );
        await expect(page.getByTestId('scan-result')).toContainText('Filled from vCard');
        await expect(page.locator('input[name=familyName]')).toHaveValue('山田');
        await expect(page.locator('input[name=phones]')).toHaveValue('+81355550100');
        await page.locator('input[name=familyName]').focus();
        await saveWithEnter(page, '山田 花子');
        continue;
      }
      await typeVisitor(page, n);
      await saveWithEnter(page, `Kim Visitor${n}`);
    }
    await expect(unsynced).toHaveText('12 captures not yet on the hub');

    // Half-way through the 13th visitor the app dies. The draft was committed on the last pause in typing.
    await page.keyboard.type('Halfway');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Draft');
    await expect
      .poll(
        async () =>
          (await api<{ fields: { givenName: string } } | null>(host, 'capture.draft.get', { eventId }))?.fields
            .givenName,
      )
      .toBe('Draft');
    host.child.kill('SIGKILL');
    await host.stop();

    host = await launchHost({ dataDir: host.dataDir });
    await openEventMode(page, host, EVENT);
    await expect(page.locator('input[name=familyName]')).toHaveValue('Halfway');
    await expect(page.locator('input[name=givenName]')).toHaveValue('Draft');
    await expect(page.getByTestId('capture-notice')).toContainText('Unsaved visitor restored');
    await expect(unsynced).toHaveText('12 captures not yet on the hub');

    // Finish the restored visitor, then the rest of the shift.
    await page.locator('input[name=familyName]').focus();
    await saveWithEnter(page, 'Draft Halfway');
    for (let n = 14; n <= 20; n++) {
      await typeVisitor(page, n);
      await saveWithEnter(page, `Kim Visitor${n}`);
    }
    await expect(unsynced).toHaveText('20 captures not yet on the hub');

    // Every confirmed capture exists exactly once; the known visitor was not duplicated.
    const captures = await api<{ contactName: string; contactId: string; matchedContact: boolean }[]>(
      host,
      'capture.list',
      { eventId },
    );
    expect(captures).toHaveLength(20);
    expect(new Set(captures.map((c) => c.contactName)).size).toBe(20);
    expect(captures.filter((c) => c.matchedContact).map((c) => c.contactId)).toEqual([known.id]);

    await page.getByRole('link', { name: 'Captures & follow-ups' }).click();
    await expect(page.getByTestId('captures-table').locator('tbody tr')).toHaveCount(20);
    await test.info().attach('after-show-en', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await host.stop();
  }
});

test('bad scanner input and a capture with no name and no e-mail are reported next to the fields', async ({
  page,
  host,
}) => {
  await openEventMode(page, host, EVENT);
  await page
    .getByTestId('scan-input')
    .fill('BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=E5=B1=ZZ\r\nTEL:12\r\nEND:VCARD');
  await expect(page.getByTestId('scan-result')).toContainText('Broken encoding');
  await expect(page.getByTestId('scan-result')).toContainText('Phone number could not be read');

  await page.locator('input[name=familyName]').fill('');
  await page.locator('input[name=phones]').fill('');
  await page.locator('input[name=familyName]').press('Enter');
  await expect(page.locator('.capture-form').getByRole('alert')).toContainText(
    'Enter at least a name or an e-mail address. (CAPTURE_INCOMPLETE)',
  );

  await page.locator('input[name=emails]').fill('taro@');
  await page.locator('input[name=emails]').press('Enter');
  await expect(page.locator('.capture-form').getByRole('alert')).toContainText(
    'This is not an e-mail address. (NOT_AN_EMAIL)',
  );
  await expect(page.getByTestId('unsynced-count')).toHaveText('Every capture is on the hub');
  await test.info().attach('capture-errors-en', { body: await page.screenshot(), contentType: 'image/png' });
});
