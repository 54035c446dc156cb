import { screen } from '@testing-library/react';
import type { CaptureSummary, EventDetail } from '../../src/shared/capture';
import { CaptureScreen } from '../../src/features/capture/CaptureScreen';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';

/** The show the capture tests work at; each test changes what it cares about. */
export function expoEvent(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: 'e1',
    name: 'Japan IT Week',
    venue: 'Tokyo Big Sight',
    startsOn: '2026-11-28',
    endsOn: '2026-11-30',
    booth: 'A-12',
    questions: [],
    consentText: 'We may contact you about our products.',
    consentVersion: 'v1',
    products: [],
    captureCount: 0,
    unsyncedCount: 0,
    ...overrides,
  };
}

/** A visitor as the core lists it once saved. */
export function capturedVisitor(overrides: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id: 'c1',
    createdAt: Date.UTC(2026, 10, 28, 1),
    contactId: 'k1',
    contactName: '山田 太郎',
    accountId: 'a1',
    accountName: 'Yamada Seisakusho',
    title: '',
    emails: ['taro@example.jp'],
    rating: null,
    consent: false,
    followUp: 'none',
    followUpStatus: 'none',
    matchedContact: false,
    synced: false,
    ...overrides,
  };
}

/** The core's answers a capture shift needs before the rep types anything. */
export function answerShift(event: EventDetail = expoEvent()): void {
  fakeCore.answer({
    'events.get': () => event,
    'capture.list': () => [],
    'content.presentable': () => [],
    'capture.match': () => [],
    'capture.draft.get': () => null,
    'capture.draft.save': () => ({ savedAt: Date.now() }),
    'capture.draft.discard': () => ({}),
  });
}

/** Opens event mode and waits for the form; answers its first field. */
export async function openShift(): Promise<HTMLElement> {
  renderWithApp(<CaptureScreen eventId="e1" />);
  return screen.findByLabelText('Family name');
}
