/**
 * The lines of the final email, one per system, in the requester's language: what was found, exported,
 * erased, kept (until when, and by which law), or why something cannot be linked to them.
 */

import { formatDate } from '../policy/i18n';
import type { Language } from '../policy/language';

export interface AnswerText {
  readonly nothingFound: (system: string) => string;
  readonly exported: (system: string, count: number) => string;
  readonly staffExport: (system: string) => string;
  readonly notLinkable: (system: string, reason: string, whatYouCanDo: string) => string;
  /** Kept back from a guardian by an age rule; `why` is the rule's explanation (workflow/minors.ts). */
  readonly withheld: (system: string, why: string) => string;
  /** Erasure decided by staff under its own law (erasure-decision.ts); `outcome` says what and why. */
  readonly decided: (system: string, outcome: string) => string;
  readonly erased: (system: string) => string;
  readonly kept: (system: string, until: string | undefined, basis: string) => string;
  readonly staffDid: (system: string) => string;
  readonly suppressed: (system: string) => string;
  /** The general objection (Art. 21(1)), after staff stopped the processing in the system. */
  readonly objectionStopped: (system: string) => string;
  /** `until`: when the request's own records are deleted (request-records.ts), if the policy sets a period. */
  readonly requestRecordKept: (until: string | undefined) => string;
  readonly suppressionRecorded: string;
  readonly restrictionRecorded: string;
}

export const ANSWER_TEXT: Record<Language, AnswerText> = {
  nb: {
    nothingFound: (system) => `${system}: vi fant ingen opplysninger om deg.`,
    exported: (system, count) =>
      `${system}: ${count} ${count === 1 ? 'oppføring' : 'oppføringer'}, med i nedlastingen.`,
    staffExport: (system) => `${system}: vi har hentet ut opplysningene, og de er med i nedlastingen.`,
    notLinkable: (system, reason, whatYouCanDo) => `${system}: ${reason} ${whatYouCanDo}`,
    withheld: (system, why) => `${system}: ${why}`,
    decided: (system, outcome) => `${system}: ${outcome}`,
    erased: (system) => `${system}: slettet.`,
    kept: (system, until, basis) =>
      until === undefined
        ? `${system}: beholdt så lenge loven krever (${basis}).`
        : `${system}: beholdt til ${formatDate(until, 'nb')} (${basis}).`,
    staffDid: (system) => `${system}: ordnet av våre ansatte.`,
    suppressed: (system) => `${system}: vi bruker ikke lenger opplysningene dine til markedsføring.`,
    objectionStopped: (system) =>
      `${system}: vi har stanset den bruken av opplysningene dine som bygde på vår berettigede interesse (personvernforordningen artikkel 21 nr. 1). Det loven pålegger oss å gjøre med dem, gjør vi fortsatt.`,
    requestRecordKept: (until) =>
      `Vi tar vare på selve forespørselen og hvordan vi behandlet den, slik at vi kan dokumentere det (personvernforordningen artikkel 5 nr. 2)${
        until === undefined ? '' : `, til ${formatDate(until, 'nb')}. Da slettes den automatisk`
      }.`,
    suppressionRecorded:
      'Vi har notert at du ikke skal få markedsføring fra oss, slik at du heller ikke kommer med i senere utsendelser eller importer.',
    restrictionRecorded:
      'Vi har merket opplysningene dine som begrenset: vi lagrer dem, men bruker dem ikke til noe annet uten samtykke fra deg.',
  },
  en: {
    nothingFound: (system) => `${system}: we found no information about you.`,
    exported: (system, count) =>
      `${system}: ${count} ${count === 1 ? 'record' : 'records'}, in your download.`,
    staffExport: (system) => `${system}: we exported your information, and it is in your download.`,
    notLinkable: (system, reason, whatYouCanDo) => `${system}: ${reason} ${whatYouCanDo}`,
    withheld: (system, why) => `${system}: ${why}`,
    decided: (system, outcome) => `${system}: ${outcome}`,
    erased: (system) => `${system}: erased.`,
    kept: (system, until, basis) =>
      until === undefined
        ? `${system}: kept for as long as the law requires (${basis}).`
        : `${system}: kept until ${formatDate(until, 'en')} (${basis}).`,
    staffDid: (system) => `${system}: done by our staff.`,
    suppressed: (system) => `${system}: we no longer use your information for marketing.`,
    objectionStopped: (system) =>
      `${system}: we have stopped the use of your information that rested on our legitimate interest (GDPR Article 21(1)). What the law obliges us to do with it, we still do.`,
    requestRecordKept: (until) =>
      `We keep the request itself and how we handled it, so that we can show it was done properly (GDPR Article 5(2))${
        until === undefined ? '' : `, until ${formatDate(until, 'en')}. Then it is deleted automatically`
      }.`,
    suppressionRecorded:
      'We have noted that you are not to receive marketing from us, so you will not be added back by later mailings or imports.',
    restrictionRecorded:
      'We have marked your information as restricted: we keep it, but use it for nothing else without your consent.',
  },
};
