import type { Page } from '@playwright/test';
import { launchHost, type RunningHost } from '../support/host';
import { freePort, launchHub, seedReps, type RunningHub } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

async function api<T>(host: RunningHost, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value: T };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value;
}

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

test('offline captures reach a colleague in the same territory in one sync, and never another territory', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const hubDir = tempDir('oneteam-hub-');
  const [codeA, codeB, codeC] = await seedReps(hubDir, [
    { name: 'Aiko Rep', territory: 'kanto' },
    { name: 'Ben Rep', territory: 'kanto' },
    { name: 'Chie Rep', territory: 'kansai' },
  ]);
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
  } finally {
    await Promise.all(hosts.map((host) => host.stop()));
    await hub.stop();
  }
});
