/**
 * Whether a booth contact may be e-mailed, as SQL over `contactId` with their contact row
 * joined as `p`: a consent recorded at a booth, and no withdrawal or refusal since. Consent
 * records are append-only proof; a later withdrawal reaches this device as the contact's
 * consent field (from the hub, or a marketing-automation import), so both must agree.
 */
export const mayContactSql = (contactId: string): string =>
  `(EXISTS (SELECT 1 FROM consent_records r WHERE r.contact_id = ${contactId} AND r.granted = 1)
    AND p.consent NOT IN ('withdrawn', 'denied'))`;
