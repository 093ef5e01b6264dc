import type { LocalizedText, RetentionAnchor } from './schema';

/**
 * The event a retention period counts from, named once for every text that names it: the legal-hold
 * decisions ("10 years after the last journal entry") and the change page ("from", "until"). Noun forms, so
 * they read after "etter", "fra" and "til" alike. A new anchor in RETENTION_ANCHORS does not compile until
 * it is named here.
 */
export const RETENTION_ANCHOR_NAMES: Readonly<Record<RetentionAnchor, LocalizedText>> = {
  collection: { nb: 'innsamlingen', en: 'collection' },
  transaction: { nb: 'transaksjonen', en: 'the transaction' },
  'end-of-fiscal-year': { nb: 'utgangen av regnskapsåret', en: 'the end of the financial year' },
  'last-journal-entry': { nb: 'siste journalnotat', en: 'the last journal entry' },
  'end-of-membership': { nb: 'slutten av medlemskapet', en: 'the end of the membership' },
  'last-contact': { nb: 'siste kontakt', en: 'the last contact' },
  'request-closed': { nb: 'avslutningen av forespørselen', en: 'the closing of the request' },
  unsubscribe: { nb: 'avmeldingen', en: 'unsubscribing' },
};
