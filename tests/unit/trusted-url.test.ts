import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../electron/main/trusted-url';

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/a?b=c', 'http://intranet.example.jp/'])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)//https://example.com',
    'file:///etc/passwd',
    'https://',
    'https://user:pass@example.com/',
    'smb://server/share',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    expect(isSafeExternalUrl({ href: 'https://example.com' })).toBe(false);
  });
});
