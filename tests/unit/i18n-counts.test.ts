import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { ja } from '../../src/i18n/ja';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, ja: { translation: ja } },
  interpolation: { escapeValue: false },
});

describe('English text with a count of one', () => {
  it.each([
    ['readiness.deck_validity.fail', { count: 1, until: 'Nov 28, 2026' }, '1 deck item expires before Nov 28, 2026.'],
    ['readiness.outbox.ok', { pending: 1 }, 'Changes waiting to be sent: 1.'],
    ['readiness.outbox.fail', { pending: 1 }, 'Changes not yet on the hub: 1.'],
    ['exportDialog.done', { count: 1, file: 'x.otcx' }, '1 capture written to x.otcx'],
    ['sync.attempts', { count: 1 }, 'Failed attempts so far: 1; retried automatically.'],
    ['importDialog.done', { captures: 1, alreadyPresent: 0 }, 'Captures imported: 1; already here: 0'],
    ['sync.control.needs_attention', { count: 1 }, '1 to review'],
  ])('%s', (key, options, expected) => {
    expect(i18n.t(key, options)).toBe(expected);
  });

  it('still reads right with several, and in Japanese', () => {
    expect(i18n.t('exportDialog.done', { count: 3, file: 'x.otcx' })).toBe('3 captures written to x.otcx');
    expect(i18n.t('readiness.deck_validity.fail', { count: 2, until: 'Dec 1' })).toBe(
      '2 deck items expire before Dec 1.',
    );
    const japanese = i18n.t('exportDialog.done', { lng: 'ja', count: 1, file: 'x.otcx' });
    expect(japanese).toContain('x.otcx');
    expect(japanese).not.toContain('exportDialog');
  });
});
