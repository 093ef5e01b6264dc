/**
 * The notice's words for transfers, joint control, what people must provide and the data protection officer
 * (issue 18). Kept apart from i18n.ts because the requester pages bundle i18n.ts for its date format, and
 * they stay within their size budget (test/domain/render-bundles.test.ts). Types only from the schema.
 */
import type { Language } from './language';
import type { TransferMechanism } from './schema';

export interface NoticeText {
  readonly transfersLabel: string;
  readonly provisionLabel: string;
  /** Starts the joint-controller paragraph, followed by the document's own description of the scope. */
  readonly jointController: (partner: string) => string;
  /** What joint control means for the reader's rights (GDPR Art. 26(3)). */
  readonly jointRights: string;
  readonly partnerNotice: (partner: string) => string;
  readonly transferMechanism: Record<TransferMechanism, string>;
  /** The contact section's first line when a data protection officer is designated (Art. 13(1)(b), 37(7)). */
  readonly dataProtectionOfficer: (name: string | undefined) => string;
}

export const NOTICE_TEXT: Record<Language, NoticeText> = {
  nb: {
    transfersLabel: 'Overføring til land utenfor EØS',
    provisionLabel: 'Må du gi oss opplysningene?',
    jointController: (partner) =>
      `${partner} og vi er felles behandlingsansvarlige: vi bestemmer sammen hvorfor og hvordan opplysningene samles inn.`,
    jointRights: 'Uansett hva vi har avtalt, kan du bruke rettighetene dine overfor hvem av oss du vil',
    partnerNotice: (partner) => `Les personvernerklæringen til ${partner}`,
    transferMechanism: {
      'adequacy-decision': 'beslutning om tilstrekkelig beskyttelsesnivå',
      'standard-contractual-clauses': 'EUs standardkontraktsbestemmelser',
      'binding-corporate-rules': 'bindende virksomhetsregler',
      derogation: 'unntak for særlige situasjoner',
    },
    dataProtectionOfficer: (name) =>
      name === undefined ? 'Personvernombudet vårt når du på' : `Personvernombudet vårt, ${name}, når du på`,
  },
  en: {
    transfersLabel: 'Transfers to countries outside the EEA',
    provisionLabel: 'Do you have to give us the information?',
    jointController: (partner) =>
      `${partner} and we are joint controllers: we decide together why and how the information is collected.`,
    jointRights: 'Whatever we have agreed, you can use your rights against whichever of us you choose',
    partnerNotice: (partner) => `Read the privacy policy of ${partner}`,
    transferMechanism: {
      'adequacy-decision': 'adequacy decision',
      'standard-contractual-clauses': 'EU standard contractual clauses',
      'binding-corporate-rules': 'binding corporate rules',
      derogation: 'derogation for specific situations',
    },
    dataProtectionOfficer: (name) =>
      name === undefined
        ? 'You can reach our data protection officer at'
        : `You can reach our data protection officer, ${name}, at`,
  },
};
