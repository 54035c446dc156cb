/**
 * Setup for the renderer tests (jsdom): the few browser features jsdom lacks and the app
 * uses, and the fake core where the app looks for the Electron preload's bridge.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { fakeCore } from './fake-core';

// Tells React it runs under a test runner, so updates wrapped in act() are flushed and
// stray ones are reported. Testing Library sets this only when the runner's globals are on.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom does no layout, so it has no ResizeObserver; slides measure their box with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// jsdom knows <dialog> but not showModal() and close(); ModalDialog opens itself with showModal().
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
};

// src/lib/api/bridge.ts takes window.api when it is first imported, so the fake must be there before.
window.api = fakeCore.bridge;

// Testing Library unmounts after each test by itself only when the runner's globals are on.
afterEach(() => {
  cleanup();
  fakeCore.reset();
});
