import { afterAll, describe, expect, it } from 'vitest';
import { startCore } from '../support/core';

const NOW = Date.UTC(2031, 0, 15, 3, 0, 0);
const core = startCore({ now: () => NOW });
afterAll(() => core.close());

describe('the journey after a correction (a superseding touchpoint)', () => {
  it("counts only the corrected touchpoint: in the timeline, the stage counts and each contact's last touch", async () => {
    const { items } = await core.value('accounts.search', { query: '', limit: 50 });
    let accountId = '';
    let contacts: { id: string }[] = [];
    for (const item of items) {
      const got = await core.value('accounts.get', { id: item.id });
      if (got.contacts.length >= 2) {
        accountId = item.id;
        contacts = got.contacts;
        break;
      }
    }
    const [a, b] = contacts as [{ id: string }, { id: string }];
    const before = await core.value('journey.overview', { accountId });
    const lastOf = (o: typeof before, id: string) => o.committee.find((m) => m.contact.id === id)!.lastEngagedAt;
    const aBefore = lastOf(before, a.id);
    expect(aBefore === null || aBefore < NOW).toBe(true);

    // A call logged with the wrong person (contact A) ...
    const wrong = await core.value('touchpoints.add', {
      accountId,
      channel: 'call',
      stageCode: items.find((i) => i.id === accountId)!.stageCode,
      occurredAt: NOW,
      summary: 'Call',
      contactIds: [a.id],
    });
    // ... corrected: it was contact B.
    await core.value('touchpoints.add', {
      accountId,
      channel: 'call',
      stageCode: wrong.stageCode,
      occurredAt: NOW,
      summary: 'Call (corrected: with B)',
      contactIds: [b.id],
      supersedesId: wrong.id,
    });

    // The timeline hides the superseded call ...
    const tl = await core.value('journey.timeline', { accountId, limit: 5 });
    expect(tl.items.map((t) => t.id)).not.toContain(wrong.id);
    // ... and the stage counts do not count it twice ...
    const after = await core.value('journey.overview', { accountId });
    const total = (o: typeof before) => o.stageCounts.reduce((s, r) => s + r.count, 0);
    expect(total(after)).toBe(total(before) + 1);
    // ... and the last touch is B's, not A's any more.
    expect(lastOf(after, b.id)).toBe(NOW);
    expect(lastOf(after, a.id)).toBe(aBefore);
  });
});
