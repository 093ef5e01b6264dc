/**
 * The request page's timeline in words. The audit trail stores codes and ids only (it must hold no personal
 * data, see audit/chain.ts); staff need to read what happened: "Kari Nordmann bekreftet forespørselen",
 * "personvernombud fant ingen opplysninger i BRP Systems". This joins the trail with the request's own dates
 * (received, confirmed, answered), its tasks and its findings, and says each step as a sentence in both of
 * the console's languages. Repeated views by one person become one line with a count, so a request opened
 * twenty times does not bury what was done. Pure: the caller passes everything it needs.
 */
import type { AuditEvent } from '../audit/chain';
import type { Language } from '../policy/language';
import type { PolicyDocument } from '../policy/schema';
import type { EidIdentity, RequestRecord } from '../requests/record';
import type { Finding } from '../workflow/findings';
import type { StaffTask } from '../workflow/tasks';
import { dateWords, each, instantWords, REQUEST_TYPE_WORDS, systemName, type Words, words } from './words';

export type TimelineKind =
  | 'received'
  | 'verified'
  | 'task-opened'
  | 'decided'
  | 'collected'
  | 'viewed'
  | 'extended'
  | 'info-requested'
  | 'answered'
  | 'rejected'
  | 'closed'
  | 'downloaded'
  | 'deleted'
  | 'other';

export interface TimelineEntry {
  /** When it happened; for grouped views, the last one. */
  readonly at: string;
  /** What sort of step: for the page's styling and for tests, never shown as text. */
  readonly kind: TimelineKind;
  readonly text: Words;
}

export interface TimelineInput {
  readonly request: RequestRecord;
  readonly tasks: readonly StaffTask[];
  readonly findings: readonly Finding[];
  /** The audit trail, oldest first (as stored). */
  readonly events: readonly AuditEvent[];
}

/** The timeline, newest first. */
export function requestTimeline(input: TimelineInput, policy: PolicyDocument): TimelineEntry[] {
  const { request } = input;
  const requester = request.requester.name;
  const entries: TimelineEntry[] = [];
  const add = (at: string | undefined, kind: TimelineKind, text: Words) => {
    if (at !== undefined) entries.push({ at, kind, text });
  };

  const child = request.onBehalfOf?.name;
  add(
    request.receivedAt,
    'received',
    each((lang) => {
      const type = REQUEST_TYPE_WORDS[request.type][lang];
      if (lang === 'nb')
        return child === undefined
          ? `Forespørsel om ${type} kom inn fra ${requester}`
          : `Forespørsel om ${type} kom inn fra ${requester} på vegne av ${child} (barn)`;
      return child === undefined
        ? `Request for ${type} received from ${requester}`
        : `Request for ${type} received from ${requester} on behalf of ${child} (child)`;
    }),
  );
  const signIn = request.eidSignIn;
  if (signIn !== undefined) add(signIn.verifiedAt, 'verified', eidSignInWords(requester, signIn));
  add(
    request.verifiedAt,
    'verified',
    words(
      `${requester} bekreftet forespørselen med koden fra e-posten`,
      `${requester} confirmed the request with the code from the email`,
    ),
  );
  if (request.status === 'closed-unverified')
    add(
      request.closedAt,
      'closed',
      words(
        'Forespørselen ble lukket fordi den ikke ble bekreftet i tide',
        'The request was closed because it was not confirmed in time',
      ),
    );
  if (request.status === 'completed')
    add(
      request.completedAt,
      'answered',
      words(
        `Svaret ble sendt til ${requester}, og forespørselen er fullført`,
        `The answer was sent to ${requester}, and the request is complete`,
      ),
    );
  if (request.status === 'rejected')
    add(
      request.completedAt,
      'rejected',
      words('Forespørselen ble avvist og avsluttet', 'The request was rejected and closed'),
    );

  for (const task of input.tasks) add(task.createdAt, 'task-opened', taskOpened(task, policy));

  // Staff uploads and "no data found" are told by the decision that recorded them (below).
  for (const finding of input.findings) {
    const system = systemName(policy, finding.systemId);
    if (finding.source === 'connector')
      add(
        finding.collectedAt,
        'collected',
        each((lang) =>
          lang === 'nb'
            ? `Hentet ${finding.recordCount} ${finding.recordCount === 1 ? 'post' : 'poster'} automatisk fra ${system}`
            : `Collected ${finding.recordCount} ${finding.recordCount === 1 ? 'record' : 'records'} automatically from ${system}`,
        ),
      );
    if (finding.source === 'not-linkable')
      add(
        finding.collectedAt,
        'collected',
        words(
          `${system}: opplysningene der kan ikke knyttes til en person`,
          `${system}: the data there cannot be linked to a person`,
        ),
      );
    if (finding.source === 'withheld')
      add(
        finding.collectedAt,
        'collected',
        words(
          `${system}: holdt tilbake fra den som har foreldreansvar, etter aldersregelen (ikke hentet)`,
          `${system}: withheld from the person with parental responsibility under the age rule (not collected)`,
        ),
      );
  }

  const groups = new Map<string, AuditEvent[]>();
  for (const event of input.events) {
    const grouped = GROUPED[event.action];
    if (grouped !== undefined) {
      const key = `${event.action}\u0000${event.actor.kind}\u0000${event.actor.id}`;
      groups.set(key, [...(groups.get(key) ?? []), event]);
      continue;
    }
    const said = eventWords(event, input, policy);
    add(event.at, said.kind, said.text);
  }
  for (const group of groups.values()) {
    const first = group[0];
    const last = group[group.length - 1];
    const grouped = first === undefined ? undefined : GROUPED[first.action];
    if (first === undefined || last === undefined || grouped === undefined) continue;
    const who = actorName(first, requester);
    add(
      last.at,
      'viewed',
      each((lang) => grouped(who, lang, group.length, instantWords(first.at, lang))),
    );
  }

  // Newest first; for the same instant, the order the steps were added in, reversed (answered after confirmed).
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.index - a.index)
    .map(({ entry }) => entry);
}

type GroupedWords = (who: string, lang: Language, count: number, first: string) => string;

/** Looks that change nothing: one line per person, with how often and since when. */
const GROUPED: Readonly<Record<string, GroupedWords>> = {
  'request-viewed': (who, lang, count, first) =>
    lang === 'nb'
      ? count === 1
        ? `${who} åpnet forespørselen`
        : `${who} åpnet forespørselen ${count} ganger, første gang ${first}`
      : count === 1
        ? `${who} opened the request`
        : `${who} opened the request ${count} times, first on ${first}`,
  'export-previewed': (who, lang, count, first) =>
    lang === 'nb'
      ? count === 1
        ? `${who} forhåndsviste eksporten`
        : `${who} forhåndsviste eksporten ${count} ganger, første gang ${first}`
      : count === 1
        ? `${who} previewed the export`
        : `${who} previewed the export ${count} times, first on ${first}`,
  'named-in-inbox': (who, lang, count, first) =>
    lang === 'nb'
      ? count === 1
        ? `${who} så barnets navn i innboksen`
        : `${who} så barnets navn i innboksen ${count} ganger, første gang ${first}`
      : count === 1
        ? `${who} saw the child's name in the inbox`
        : `${who} saw the child's name in the inbox ${count} times, first on ${first}`,
  'found-by-email-search': (who, lang, count, first) =>
    lang === 'nb'
      ? count === 1
        ? `${who} fant forespørselen ved å søke på e-postadressen`
        : `${who} fant forespørselen ved å søke på e-postadressen ${count} ganger, første gang ${first}`
      : count === 1
        ? `${who} found the request by searching for the email address`
        : `${who} found the request by searching for the email address ${count} times, first on ${first}`,
};

function actorName(event: AuditEvent, requester: string): string {
  if (event.actor.kind === 'requester') return requester;
  if (event.actor.kind === 'staff') return event.actor.id;
  return '';
}

function taskOpened(task: StaffTask, policy: PolicyDocument): Words {
  const system = systemName(policy, task.systemId);
  switch (task.type) {
    case 'identity-check':
      return words(
        'En ansatt må kontrollere identiteten før forespørselen går videre',
        'A member of staff must check the identity before the request goes on',
      );
    case 'manual-collection':
      return words(
        `Opplysningene i ${system} må hentes manuelt`,
        `The data in ${system} must be collected by hand`,
      );
    case 'review':
      return words('Svaret er klart til gjennomgang', 'The answer is ready for review');
    case 'manual-action':
      return system === ''
        ? words('Forespørselen må gjennomføres manuelt', 'The request must be carried out by hand')
        : words(
            `Forespørselen må gjennomføres manuelt i ${system}`,
            `The request must be carried out by hand in ${system}`,
          );
    case 'attention':
      return words(
        'Et steg i behandlingen feilet og trenger oppfølging',
        'A step of the handling failed and needs follow-up',
      );
  }
}

function eventWords(
  event: AuditEvent,
  input: TimelineInput,
  policy: PolicyDocument,
): { kind: TimelineKind; text: Words } {
  const requester = input.request.requester.name;
  const who = actorName(event, requester);
  const details = event.details ?? {};
  const text = (nb: string, en: string) => words(nb, en);
  switch (event.action) {
    case 'task-decided':
      return { kind: 'decided', text: decisionWords(who, event, input, policy) };
    case 'information-requested':
      return {
        kind: 'info-requested',
        text: text(
          `${who} ba ${requester} om mer informasjon`,
          `${who} asked ${requester} for more information`,
        ),
      };
    case 'deadline-extended': {
      const months = Number(details.months ?? 2);
      const from = String(details.originalDueDate ?? '');
      const to = String(details.newDueDate ?? '');
      return {
        kind: 'extended',
        text: each((lang) =>
          lang === 'nb'
            ? `${who} forlenget fristen med ${months === 1 ? 'én måned' : `${months} måneder`}, fra ${dateWords(from, lang)} til ${dateWords(to, lang)}`
            : `${who} extended the deadline by ${months === 1 ? 'one month' : `${months} months`}, from ${dateWords(from, lang)} to ${dateWords(to, lang)}`,
        ),
      };
    }
    case 'upload-url-issued': {
      const system = systemName(policy, String(details.systemId ?? ''));
      return {
        kind: 'other',
        text: text(
          `${who} begynte å laste opp eksporten fra ${system}`,
          `${who} started uploading the export from ${system}`,
        ),
      };
    }
    case 'export-downloaded':
      return {
        kind: 'downloaded',
        text: text(`${requester} lastet ned svaret`, `${requester} downloaded the answer`),
      };
    case 'stored-data-deleted':
      return {
        kind: 'deleted',
        text: text(
          'Dataene som ble lagret for forespørselen, er slettet',
          'The data stored for the request has been deleted',
        ),
      };
    default:
      // A step this view does not know yet: say that something was recorded, and by whom, without its code.
      return {
        kind: 'other',
        text:
          event.actor.kind === 'system'
            ? text(
                `Systemet registrerte en hendelse (nr. ${event.seq} i revisjonssporet)`,
                `The system recorded an event (no. ${event.seq} in the audit trail)`,
              )
            : text(
                `${who} gjorde noe som ble registrert (nr. ${event.seq} i revisjonssporet)`,
                `${who} did something that was recorded (no. ${event.seq} in the audit trail)`,
              ),
      };
  }
}

/** The outcome of a manual collection: from the audit event, or for older events from the task's decision. */
function collectionOutcome(event: AuditEvent, task: StaffTask | undefined): 'no-data-found' | 'uploaded' {
  const recorded = event.details?.outcome;
  if (recorded === 'no-data-found' || recorded === 'uploaded') return recorded;
  return task?.decision !== undefined && 'noDataFound' in task.decision ? 'no-data-found' : 'uploaded';
}

function decisionWords(who: string, event: AuditEvent, input: TimelineInput, policy: PolicyDocument): Words {
  const details = event.details ?? {};
  const task = input.tasks.find((t) => t.taskId === details.taskId);
  const type = String(details.type ?? task?.type ?? '');
  const approved = details.decision !== 'reject';
  const system = systemName(policy, String(details.systemId ?? task?.systemId ?? ''));
  switch (type) {
    case 'identity-check':
      return approved
        ? words(`${who} godkjente ID-kontrollen`, `${who} approved the identity check`)
        : words(
            `${who} avviste forespørselen etter ID-kontrollen`,
            `${who} rejected the request at the identity check`,
          );
    case 'manual-collection':
      return collectionOutcome(event, task) === 'no-data-found'
        ? words(`${who}: ingen opplysninger funnet i ${system}`, `${who}: no data found in ${system}`)
        : words(`${who} lastet opp eksporten fra ${system}`, `${who} uploaded the export from ${system}`);
    case 'review':
      return approved
        ? words(`${who} godkjente svaret`, `${who} approved the answer`)
        : words(`${who} avviste forespørselen ved gjennomgangen`, `${who} rejected the request at review`);
    case 'manual-action':
      return system === ''
        ? words(`${who} gjennomførte forespørselen manuelt`, `${who} carried out the request by hand`)
        : words(
            `${who} gjennomførte forespørselen i ${system}`,
            `${who} carried out the request in ${system}`,
          );
    case 'attention':
      return approved
        ? words(`${who} fikk steget prøvd på nytt`, `${who} had the step tried again`)
        : words(`${who} avsluttet forespørselen`, `${who} closed the request`);
    default:
      return approved
        ? words(`${who} godkjente en oppgave`, `${who} approved a task`)
        : words(`${who} avviste en oppgave`, `${who} rejected a task`);
  }
}

/** "Verified with ID-porten, level high (BankID)", and a birth date that disagrees with the number. */
function eidSignInWords(requester: string, signIn: EidIdentity): Words {
  const how = signIn.amr.length === 0 ? '' : ` (${signIn.amr.join(', ')})`;
  const differs = signIn.birthDate === 'differs';
  return each((lang) =>
    lang === 'nb'
      ? `${requester} bekreftet identiteten med ID-porten, ${signIn.level === 'high' ? 'høyt' : 'betydelig'} nivå${how}${
          differs ? '. Fødselsdatoen i forespørselen stemmer ikke med fødselsnummeret fra ID-porten' : ''
        }`
      : `${requester} was verified with ID-porten, level ${signIn.level}${how}${
          differs
            ? '. The birth date in the request does not match the national identity number from ID-porten'
            : ''
        }`,
  );
}
