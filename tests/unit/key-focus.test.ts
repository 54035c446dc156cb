import { describe, expect, it } from 'vitest';
import { keyBelongsToFocus } from '../../src/lib/key-focus';

/** A stand-in for a focused element: `inside` is what `closest` finds around it. */
const element = (tagName: string, inside: string | null = null, editable = false) => ({
  tagName,
  isContentEditable: editable,
  closest: (selector: string) => (inside && selector.includes(inside) ? {} : null),
});

describe('keyBelongsToFocus', () => {
  it('leaves Enter and Space to a focused button or link, and every key to a form field', () => {
    expect(keyBelongsToFocus({ key: 'Enter', target: element('BUTTON', 'button') })).toBe(true);
    expect(keyBelongsToFocus({ key: ' ', target: element('SPAN', 'button') })).toBe(true);
    expect(keyBelongsToFocus({ key: 'Enter', target: element('A', 'a[href]') })).toBe(true);
    expect(keyBelongsToFocus({ key: 'ArrowRight', target: element('INPUT') })).toBe(true);
    expect(keyBelongsToFocus({ key: 'b', target: element('DIV', null, true) })).toBe(true);
  });

  it('gives a page its shortcuts everywhere else: clicker keys on a button, any key on the page', () => {
    expect(keyBelongsToFocus({ key: 'PageDown', target: element('BUTTON', 'button') })).toBe(false);
    expect(keyBelongsToFocus({ key: 'Enter', target: element('BODY') })).toBe(false);
    expect(keyBelongsToFocus({ key: ' ', target: element('MAIN') })).toBe(false);
    expect(keyBelongsToFocus({ key: 'Enter', target: null })).toBe(false);
  });
});
