/**
 * Art. 15(1)(c) and 15(2) for transfers: which of the systems that hold the person's data send it to a
 * country outside the EEA, how that is made lawful, and where the safeguards can be read, from each system's
 * `transfers` in the policy (GDPR Art. 44–46). `art15Information` gives it as `recipients.transfersOutsideEea`.
 *
 * It never claims that data stays in the EEA without the policy saying where the provider is: a system run by
 * someone else with no `vendorCountry` and no transfers is named as one the notice says nothing about.
 */
import { listPhrase } from '../policy/i18n';
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
  /**
   * True when the policy says, for every system holding the person's data, where its provider is and what
   * leaves the EEA (an empty `transfers` then means none); false when `notStated` names some.
   */
  readonly statedInPolicy: boolean;
  readonly statement: string;
  readonly transfers: readonly TransferInfo[];
  /** Systems run by another provider whose country the policy does not give: we cannot say either way. */
  readonly notStated: readonly SystemRef[];
  /** Says so, and where to ask; present when `notStated` is not empty. */
  readonly notStatedStatement?: string;
}

/** Who runs our own systems (`vendor` equal to it, as the notice reads it) and where to ask. */
export interface TransferContext {
  readonly organisation: string;
  readonly privacyContactEmail: string;
}

const STATEMENT: Record<
  Language,
  {
    none: string;
    noneStated: string;
    some: string;
    notStated: (systems: string, email: string) => string;
  }
> = {
  nb: {
    none: 'Etter personvernerklæringen overføres ingen av opplysningene vi fant om deg, til land utenfor EØS.',
    noneStated:
      'Personvernerklæringen oppgir ingen overføring til land utenfor EØS for opplysningene vi fant om deg, men se under.',
    notStated: (systems, email) =>
      `For ${systems} sier personvernerklæringen ikke hvor leverandøren holder til, og dermed heller ikke om opplysningene overføres ut av EØS. Skriv til ${email} hvis du vil vite det.`,
    some: 'Etter personvernerklæringen overføres opplysninger fra disse systemene til land utenfor EØS. Slik er overføringen gjort lovlig (personvernforordningen artikkel 15 nr. 2 og artikkel 44–46):',
  },
  en: {
    none: 'According to the privacy notice, none of the information we found about you is transferred to countries outside the EEA.',
    noneStated:
      'The privacy notice states no transfer to countries outside the EEA for the information we found about you, but see below.',
    notStated: (systems, email) =>
      `For ${systems}, the privacy notice does not say where the provider is established, and so not whether the information leaves the EEA. Write to ${email} if you want to know.`,
    some: 'According to the privacy notice, information from these systems is transferred to countries outside the EEA. This is how each transfer is made lawful (GDPR Article 15(2) and Articles 44–46):',
  },
};

/**
 * The transfers of the systems that hold the person's data, in the order the systems are given. With
 * `context`, a system run by another provider (not `context.organisation`) without `vendorCountry` or
 * transfers is named in `notStated`; without it, every system counts as stated.
 */
export function transfersOutsideEea(
  systems: readonly PolicySystem[],
  lang: Language,
  context?: TransferContext,
): TransfersOutsideEea {
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
  const notStated =
    context === undefined
      ? []
      : systems
          .filter(
            (system) =>
              system.vendor !== context.organisation &&
              system.vendorCountry === undefined &&
              system.transfers.length === 0,
          )
          .map((system) => ({ systemId: system.id, systemName: system.name }));
  const text = STATEMENT[lang];
  return {
    statedInPolicy: notStated.length === 0,
    statement: transfers.length > 0 ? text.some : notStated.length > 0 ? text.noneStated : text.none,
    transfers,
    notStated,
    ...(notStated.length === 0 || context === undefined
      ? {}
      : {
          notStatedStatement: text.notStated(
            listPhrase(
              notStated.map((system) => system.systemName),
              lang,
            ),
            context.privacyContactEmail,
          ),
        }),
  };
}
