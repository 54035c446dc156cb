import type { ApiBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser test host. */
    api?: ApiBridge;
  }
}

const TOKEN_KEY = 'oneteam.hostToken';

/**
 * The browser test host's token: from the URL the host printed, kept for the tab's
 * lifetime so in-app navigation does not lose it.
 */
export function hostToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The same bridge over HTTP, for the browser test host: calls are POSTs, events arrive over one EventSource. */
function hostBridge(): ApiBridge {
  const token = hostToken();
  let source: EventSource | undefined;

  return {
    async call(method, input) {
      try {
        const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as unknown;
      } catch (error) {
        return { ok: false, error: { code: 'CORE_UNAVAILABLE', message: String(error) } };
      }
    },
    subscribe(event, listener) {
      source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      const handler = (message: MessageEvent<string>) => {
        try {
          listener(JSON.parse(message.data) as unknown);
        } catch {
          // A malformed event is dropped; the next one refreshes the same data.
        }
      };
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

export const bridge: ApiBridge = window.api ?? hostBridge();
