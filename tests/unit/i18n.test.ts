import { describe, expect, it } from 'vitest';
import { CHANNELS, COMMITTEE_ROLES, TEAMS } from '../../src/shared/domain';
import { ERROR_CODES } from '../../src/shared/errors';
import { en } from '../../src/i18n/en';
import { ja } from '../../src/i18n/ja';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value];
}

describe('UI text', () => {
  it('has the same keys in Japanese and English', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('has no empty Japanese or English string, and no key i18next would misread', () => {
    expect([...leaves(ja), ...leaves(en)].filter((value) => typeof value !== 'string' || value.trim() === '')).toEqual(
      [],
    );
    // i18next separates nesting with dots: a key containing one could never be looked up.
    const dotted = (value: unknown): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => (key.includes('.') ? [key] : dotted(child)))
        : [];
    expect([...dotted(en), ...dotted(ja)]).toEqual([]);
  });

  it('names every error code, channel, team and committee role', () => {
    for (const code of ERROR_CODES) expect(en.errors).toHaveProperty(code);
    for (const channel of CHANNELS) expect(ja.channel).toHaveProperty(channel);
    for (const team of TEAMS) expect(ja.team).toHaveProperty(team);
    for (const role of COMMITTEE_ROLES) expect(ja.role).toHaveProperty(role);
  });
});
