import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGenerator, generateDataset } from '../../electron/core/demo/generate';
import { CHANNELS, TEAMS } from '../../src/shared/domain';
import { demoDatasetBytes, DEMO_DATASET_FILE } from '../../scripts/demo-dataset';

describe('demo dataset generator', () => {
  const dataset = generateDataset();
  const contacts = dataset.batches.flatMap((batch) => batch.contacts);
  const touchpoints = dataset.batches.flatMap((batch) => batch.touchpoints);

  it('has the size the demo promises', () => {
    expect(dataset.batches).toHaveLength(300);
    expect(contacts.length).toBeGreaterThan(1_350);
    expect(contacts.length).toBeLessThan(1_650);
    expect(touchpoints.length).toBeGreaterThan(19_000);
    expect(touchpoints.length).toBeLessThan(21_000);
    expect(dataset.events).toHaveLength(3);
    expect(dataset.contentItems).toHaveLength(30);
  });

  it('covers every channel, team and buying stage, in Japanese and English companies', () => {
    expect(new Set(touchpoints.map((t) => t.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(touchpoints.map((t) => t.team))).toEqual(new Set(TEAMS));
    expect(new Set(touchpoints.map((t) => t.stageCode)).size).toBe(7);
    const names = dataset.batches.map((batch) => batch.account.name);
    expect(names.some((name) => name.includes('株式会社'))).toBe(true);
    expect(names.some((name) => name.endsWith('GmbH'))).toBe(true);
    expect(names.some((name) => name.endsWith('Inc.'))).toBe(true);
  });

  it('gives every contact a committee role or none, and every touchpoint contacts of its own account', () => {
    const accountOf = new Map(contacts.map((c) => [c.id, c.accountId]));
    for (const t of touchpoints) {
      for (const contactId of t.contactIds) expect(accountOf.get(contactId)).toBe(t.accountId);
    }
    expect(new Set(contacts.map((c) => c.role)).size).toBeGreaterThan(5);
  });

  it('meets visitors at a booth only at a show that was on at the time, after the account was created', () => {
    const createdAt = new Map(dataset.batches.map((batch) => [batch.account.id, batch.account.createdAt]));
    const booth = touchpoints.filter((t) => t.channel === 'trade_show' || t.channel === 'business_card');
    expect(booth.length).toBeGreaterThan(100);
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
    let atOwnEvents = 0;
    for (const t of booth) {
      expect(t.occurredAt).toBeGreaterThanOrEqual(createdAt.get(t.accountId)!);
      const event = dataset.events.find((e) => t.summary.includes(e.name));
      if (event) {
        atOwnEvents++;
        expect(t.occurredAt).toBeGreaterThanOrEqual(day(event.startsOn));
        expect(t.occurredAt).toBeLessThan(day(event.endsOn) + 86_400_000);
      } else {
        // An earlier season's show, named with its year.
        expect(t.summary).toContain(String(new Date(t.occurredAt).getUTCFullYear()));
      }
    }
    expect(atOwnEvents).toBeGreaterThan(0);
    // The demo's upcoming events have not happened yet: nobody met us there.
    const upcoming = dataset.events.filter((e) => day(e.startsOn) > dataset.anchor);
    expect(upcoming.length).toBeGreaterThan(0);
    for (const e of upcoming) expect(booth.some((t) => t.summary.includes(e.name))).toBe(false);
  });

  it('includes an expired and a not-yet-released content version', () => {
    const { anchor } = dataset;
    expect(dataset.contentVersions.some((v) => v.validUntil !== null && v.validUntil < anchor)).toBe(true);
    expect(dataset.contentVersions.some((v) => v.validFrom > anchor)).toBe(true);
  });

  it('is deterministic, and the committed file is exactly its output', () => {
    expect(generateDataset()).toEqual(dataset);
    expect(readFileSync(DEMO_DATASET_FILE).equals(demoDatasetBytes())).toBe(true);
  });

  it('scales: ten times the accounts and touchpoints at scale 10', () => {
    const generator = createGenerator({ scale: 10 });
    let accounts = 0;
    let count = 0;
    for (const batch of generator.accountBatches()) {
      accounts++;
      count += batch.touchpoints.length;
    }
    expect(accounts).toBe(3_000);
    expect(count).toBeGreaterThan(190_000);
    expect(count).toBeLessThan(210_000);
  });
});
