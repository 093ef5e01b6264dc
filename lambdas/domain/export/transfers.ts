/**
 * Art. 15(1)(c) and 15(2) for transfers: which of the systems that hold the person's data send it to a
 * country outside the EEA, how that is made lawful, and where the safeguards can be read, from each system's
 * `transfers` in the policy (GDPR Art. 44–46).
 *
 * Ready for `art15Information` to use in place of its fixed "the policy does not say" statement
 * (`recipients.transfersOutsideEea`); wiring it in changes what the export's tests and
 * docs/export-format.md expect, so that step is left to the export's owner (issue 18, item 1).
 */
import type { Language } from '../policy/language';
import { NOTICE_TEXT } from '../policy/notice-text';
import type { PolicySystem } from '../policy/schema';
import type { Reference, SystemRef } from './art15';

export interface TransferInfo extends SystemRef {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  readonly country: string;
  readonly countryName: string;
  /** The mechanism in words: "adequacy decision", "EU standard contractual clauses", … */
  readonly mechanism: string;
  readonly description: string;
  readonly legalReference: Reference;
  /** Where a copy of the safeguards can be had (Art. 13(1)(f), 15(2)). */
  readonly safeguards?: { readonly description: string; readonly url?: string };
}

export interface TransfersOutsideEea {
  /** True: the policy states transfers per system (an empty list means none). */
  readonly statedInPolicy: true;
  readonly statement: string;
  readonly transfers: readonly TransferInfo[];
}

const STATEMENT: Record<Language, { none: string; some: string }> = {
  nb: {
    none: 'Etter personvernerklæringen overføres ingen av opplysningene vi fant om deg, til land utenfor EØS.',
    some: 'Etter personvernerklæringen overføres opplysninger fra disse systemene til land utenfor EØS. Slik er overføringen gjort lovlig (personvernforordningen artikkel 15 nr. 2 og artikkel 44–46):',
  },
  en: {
    none: 'According to the privacy notice, none of the information we found about you is transferred to countries outside the EEA.',
    some: 'According to the privacy notice, information from these systems is transferred to countries outside the EEA. This is how each transfer is made lawful (GDPR Article 15(2) and Articles 44–46):',
  },
};

/** The transfers of the systems that hold the person's data, in the order the systems are given. */
export function transfersOutsideEea(systems: readonly PolicySystem[], lang: Language): TransfersOutsideEea {
  const transfers = systems.flatMap((system) =>
    system.transfers.map(
      (transfer): TransferInfo => ({
        systemId: system.id,
        systemName: system.name,
        country: transfer.country,
        countryName: transfer.countryName[lang],
        mechanism: NOTICE_TEXT[lang].transferMechanism[transfer.mechanism],
        description: transfer.description[lang],
        legalReference: {
          citation: transfer.legalReference.citation[lang],
          ...(transfer.legalReference.url === undefined ? {} : { url: transfer.legalReference.url }),
        },
        ...(transfer.safeguardsCopy === undefined
          ? {}
          : {
              safeguards: {
                description: transfer.safeguardsCopy.description[lang],
                ...(transfer.safeguardsCopy.url === undefined ? {} : { url: transfer.safeguardsCopy.url }),
              },
            }),
      }),
    ),
  );
  return {
    statedInPolicy: true,
    statement: STATEMENT[lang][transfers.length === 0 ? 'none' : 'some'],
    transfers,
  };
}
