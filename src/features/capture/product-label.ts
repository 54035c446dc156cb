import type { i18n as I18n } from 'i18next';

/** What a catalogue code looks like (`field_suite`); anything else is a name someone typed. */
const CODE = /^[a-z][a-z0-9_]*$/;

/**
 * An event's product as the rep reads it. Events from the catalogue (the demo data, the hub)
 * list product codes, which have translated names under `product.*`; an event made in the
 * New event dialog lists whatever the rep typed, one per line, and that is shown as typed.
 * Only the label changes: the capture still records the event's own value.
 */
export function productLabel(i18n: I18n, product: string): string {
  const key = `product.${product}`;
  return CODE.test(product) && i18n.exists(key) ? i18n.t(key) : product;
}
