import type { Page } from '@playwright/test';
import { callHost as api, launchHost, type RunningHost } from '../support/host';
import { join } from 'node:path';
import { freePort, hubAdmin, launchHub, seedHub, type RunningHub } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

async function syncedIdle(host: RunningHost): Promise<{ state: string; pending: number }> {
  await api(host, 'sync.now', {});
  for (let i = 0; i < 200; i++) {
    const status = await api<{ state: string; pending: number }>(host, 'sync.status', {});
    if (status.state !== 'syncing') return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('sync did not finish');
}

async function syncFromScreen(page: Page, host: RunningHost) {
  await page.goto(`${host.url}#/sync`);
  await page.getByRole('button', { name: 'Sync now' }).click();
}

test('offline work reaches a colleague in one sync and never another territory; decks follow a new version and drop it once expired', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const hubDir = tempDir('oneteam-hub-');
  const pdf = (version: number) =>
    join(ROOT, `resources/demo/content/00-manufacturing-dx-adoption-guide-v${version}.pdf`);
  const seeded = await seedHub(
    hubDir,
    [
      { name: 'Aiko Rep', territory: 'kanto' },
      { name: 'Ben Rep', territory: 'kanto' },
      { name: 'Chie Rep', territory: 'kansai' },
    ],
    pdf(1),
  );
  const [codeA, codeB, codeC] = seeded.codes;
  const port = await freePort();
  let hub: RunningHub = await launchHub(hubDir, port);
  const hosts = await Promise.all([0, 1, 2].map(() => launchHost({ args: ['--hub', hub.url] })));
  const [repA, repB, repC] = hosts as [RunningHost, RunningHost, RunningHost];
  try {
    // Rep A enrols on the sync screen; the others through the same call.
    await page.goto(`${repA.url}#/sync`);
    await expect(page.getByLabel('Hub address')).toHaveValue(hub.url);
    await page.getByLabel('Enrolment code').fill(codeA!);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('sync-state')).toContainText('Up to date');
    await expect(page.getByTestId('sync-control')).toContainText('Up to date');
    await api(repB, 'sync.enrol', { hubUrl: hub.url, code: codeB, deviceName: 'B laptop' });
    await api(repC, 'sync.enrol', { hubUrl: hub.url, code: codeC, deviceName: 'C laptop' });

    // At the booth the hub is unreachable.
    await hub.stop();
    const event = await api<{ id: string }>(repA, 'events.create', {
      name: 'Offline Fair',
      startsOn: '2026-12-01',
      endsOn: '2026-12-02',
      booth: 'B-7',
      consentText: 'We may contact you.',
      consentVersion: 'of-1',
    });
    await page.goto(`${repA.url}#/events/${event.id}`);
    const family = page.locator('input[name=familyName]');
    await family.fill('Sato');
    await page.locator('input[name=givenName]').fill('Kenta');
    await page.locator('input[name=company]').fill('Offline Robotics KK');
    await page.locator('input[name=emails]').fill('kenta.sato@offline-robotics.example.jp');
    await page.locator('input[name=emails]').press('Enter');
    await expect(page.getByTestId('capture-notice')).toContainText('Saved: Kenta Sato');
    await expect(page.getByTestId('unsynced-count')).toHaveText('1 capture not yet on the hub');

    // A meeting note on the new account's journey, also offline.
    await page.goto(`${repA.url}#/accounts`);
    await page.getByTestId('account-search').fill('Offline Robotics');
    await page.getByTestId('account-search').press('Enter');
    await page.getByRole('button', { name: /Add touchpoint/ }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/Summary/)
      .fill('Follow-up call about the pilot');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('touchpoint').first()).toContainText('Follow-up call about the pilot');

    await syncFromScreen(page, repA);
    await expect(page.getByTestId('sync-state')).toContainText('Offline');
    await expect(page.getByTestId('pending-kinds')).toContainText('Touchpoints');
    await test.info().attach('sync-offline-en', { body: await page.screenshot(), contentType: 'image/png' });

    // Back online: rep A syncs from the screen, then B and C sync once each.
    hub = await launchHub(hubDir, port);
    await syncFromScreen(page, repA);
    await expect(page.getByTestId('sync-state')).toContainText('Up to date');
    await expect(page.getByTestId('pending-kinds')).toHaveCount(0);
    expect(await syncedIdle(repB)).toMatchObject({ state: 'up_to_date', pending: 0 });
    expect(await syncedIdle(repC)).toMatchObject({ state: 'up_to_date', pending: 0 });

    await page.goto(`${repB.url}#/accounts`);
    await page.getByTestId('account-search').fill('Offline Robotics');
    await page.getByTestId('account-search').press('Enter');
    const journey = page.getByTestId('timeline');
    await expect(journey).toContainText('Follow-up call about the pilot');
    await expect(journey).toContainText('Booth conversation at Offline Fair');
    await test.info().attach('sync-colleague-en', { body: await page.screenshot(), contentType: 'image/png' });

    await page.goto(`${repC.url}#/accounts`);
    await page.getByTestId('account-search').fill('Offline Robotics');
    await expect(page.getByTestId('account-count')).toHaveText('0 accounts');

    // Both reps built a deck with marketing's guide (v1, downloaded at enrolment).
    interface DeckView {
      id: string;
      entries: { state: string; version: { versionId: string; version: number } | null; reason: string | null }[];
    }
    const deckOf = async (host: RunningHost) =>
      api<DeckView>(host, 'decks.save', {
        name: 'Visit deck',
        items: [{ itemId: seeded.content.itemId, versionId: seeded.content.versionId }],
      });
    const decks = [await deckOf(repA), await deckOf(repB)];
    for (const deck of decks) expect(deck.entries[0]).toMatchObject({ state: 'current', version: { version: 1 } });

    // Marketing publishes v2 with the admin CLI (valid for a short while), and both decks follow it after one sync.
    await hub.stop();
    const validUntil = new Date(Date.now() + 45_000).toISOString();
    const published = (await hubAdmin(hubDir, [
      'content',
      'publish',
      pdf(2),
      '--item',
      seeded.content.itemId,
      '--title',
      'Adoption guide',
      '--language',
      'en',
      '--approver',
      'Marketing',
      '--pages',
      '6',
      '--valid-until',
      validUntil,
    ])) as { id: string; version: number };
    expect(published.version).toBe(2);
    hub = await launchHub(hubDir, port);
    for (const [index, host] of [repA, repB].entries()) {
      expect((await syncedIdle(host)).state).toBe('up_to_date');
      const deck = await api<DeckView>(host, 'decks.get', { id: decks[index]!.id });
      // A different page count: the deck uses v2 and asks the rep to review it.
      expect(deck.entries[0]).toMatchObject({
        state: 'needs_review',
        version: { versionId: published.id, version: 2 },
      });
    }

    // Once v2 expires it cannot be presented on either device, offline or not (v1 is superseded).
    await hub.stop();
    await expect
      .poll(async () => (await api<DeckView>(repB, 'decks.get', { id: decks[1]!.id })).entries[0]?.state, {
        timeout: 60_000,
        intervals: [2_000],
      })
      .toBe('dropped');
    for (const [index, host] of [repA, repB].entries()) {
      const refused = await fetch(`${host.origin}/api/call/presenter.start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
        body: JSON.stringify({ deckId: decks[index]!.id, language: 'en' }),
      }).then((response) => response.json());
      expect(refused).toMatchObject({ ok: false });
    }
    await page.goto(`${repA.url}#/decks/${decks[0]!.id}`);
    await expect(page.getByText(/expired/i).first()).toBeVisible();
    await test.info().attach('deck-expired-en', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await Promise.all(hosts.map((host) => host.stop()));
    await hub.stop();
  }
});
