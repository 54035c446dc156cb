/**
 * Whether a URL may be handed to the operating system's browser. Decided by parsing, as
 * in Actual Budget's trusted-url: prefix checks are fooled by
 * "javascript:…//https://" and by user:password@ hosts.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}
