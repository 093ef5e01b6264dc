/**
 * The privacy centre (`GET /`): the front door to everything a person can do about their information at
 * STERK. It says who the controllers are and how to reach them, and leads to the notice, the request form
 * and the contact form, and says how to follow a request already sent.
 *
 * Every fact (companies, org numbers, addresses, contacts, rights, the authority) comes from the policy
 * document, so the centre and the notice cannot disagree; only the page's own sentences live here. It
 * shares the notice's stylesheet (one CSP hash), has no script, and stays within a 390 px screen: the
 * companies are cards, not a table. Schema imports are type-only, so the bundle carries no zod.
 */
import { Html, html } from './html';
import { formatDate, listPhrase, UI_TEXT } from './i18n';
import type { Language } from './language';
import { formatOrgNumber } from './org-number';
import { POLICY_PAGE_STYLE } from './page-style';
import type { ContactChannel, Controller, PolicyDocument } from './schema';

export interface CentrePageOptions {
  /**
   * The API's root relative to the page, for its links: '.' when the page is served at `/` (or the stage's
   * `/v1/`), so `./policy` resolves under the stage prefix as well as on a custom domain.
   */
  readonly root?: string;
}

const TEXT = {
  nb: {
    title: (organisation: string) => `Personvern hos ${organisation}`,
    intro: (organisation: string) =>
      `Her finner du alt om hvordan ${organisation} tar vare på opplysninger om deg, og hvordan du bruker rettighetene dine.`,
    tasksTitle: 'Hva vil du gjøre?',
    policy: {
      link: 'Les personvernerklæringen',
      text: 'Hvilke opplysninger vi har om deg, hva vi bruker dem til, hvem vi deler dem med og hvor lenge vi beholder dem.',
    },
    request: {
      link: 'Send en forespørsel',
      text: (rights: string) =>
        `Bruk rettighetene dine: ${rights}. Du bekrefter e-postadressen din med en kode, og vi svarer innen én måned (personvernforordningen artikkel 12 nr. 3).`,
    },
    contact: {
      link: 'Kontakt oss',
      text: 'Lurer du på noe om hvordan vi bruker opplysningene dine, eller mener du at noe er galt? Skriv til oss.',
    },
    check: {
      title: 'Følg med på en forespørsel',
      receipt:
        'Da du sendte forespørselen, fikk du en kvittering på e-post. Der står saksnummeret og en personlig lenke til statussiden, som viser hvor langt saken har kommet.',
      lost: 'Finner du ikke e-posten? Se i søppelpostmappen. Ellers kan du kontakte oss, gjerne med saksnummeret.',
      why: 'Vi har med vilje ingen side der du slår opp en sak med e-postadressen: da kunne hvem som helst finne ut om du har vært i kontakt med oss.',
    },
    complaint: (authority: string, article: string) =>
      `Mener du at vi ikke følger personvernreglene, kan du klage til ${authority} (${article}).`,
    complaintLink: 'Slik klager du',
    whoTitle: 'Hvem vi er',
    who: (organisation: string) =>
      `${organisation} drives av selskapene nedenfor. Hvert av dem er behandlingsansvarlig for opplysningene det selv behandler om deg, det vil si ansvarlig for at de behandles lovlig (personvernforordningen artikkel 4 nr. 7 og artikkel 13 nr. 1 bokstav a).`,
    privacyContact: 'Personvernkontakt',
    reachTitle: 'Slik når du oss',
    basedOn: 'Fakta på denne siden er hentet fra personvernerklæringen,',
  },
  en: {
    title: (organisation: string) => `Privacy at ${organisation}`,
    intro: (organisation: string) =>
      `Everything about how ${organisation} looks after information about you, and how to use your rights.`,
    tasksTitle: 'What would you like to do?',
    policy: {
      link: 'Read the privacy notice',
      text: 'What information we hold about you, what we use it for, who we share it with and how long we keep it.',
    },
    request: {
      link: 'Make a request',
      text: (rights: string) =>
        `Use your rights: ${rights}. You confirm your email address with a code, and we answer within one month (GDPR Article 12(3)).`,
    },
    contact: {
      link: 'Contact us',
      text: 'Wondering how we use your information, or think something is wrong? Write to us.',
    },
    check: {
      title: 'Follow a request',
      receipt:
        'When you sent your request, we emailed you a receipt. It has your reference and a personal link to the status page, which shows how far your request has come.',
      lost: "Can't find the email? Look in your spam folder. Otherwise, contact us, with your reference if you have it.",
      why: 'On purpose, there is no page for looking up a request by email address: anyone could then find out whether you have been in touch with us.',
    },
    complaint: (authority: string, article: string) =>
      `If you think we are not following the data protection rules, you can complain to ${authority} (${article}).`,
    complaintLink: 'How to complain',
    whoTitle: 'Who we are',
    who: (organisation: string) =>
      `${organisation} is run by the companies below. Each is the controller of the information it processes about you, which means it is responsible for handling it lawfully (GDPR Article 4(7) and Article 13(1)(a)).`,
    privacyContact: 'Privacy contact',
    reachTitle: 'How to reach us',
    basedOn: 'The facts on this page come from the privacy notice,',
  },
} as const;

export function renderPrivacyCentre(
  policy: PolicyDocument,
  lang: Language,
  { root = '.' }: CentrePageOptions = {},
): string {
  const text = TEXT[lang];
  const ui = UI_TEXT[lang];
  const other = ui.otherLanguage;
  const organisation = policy.organisation.name;
  const title = text.title(organisation);
  const link = (path: string, hash = '') => `${root}/${path}?lang=${lang}${hash}`;
  const requestRights = policy.rights.flatMap((right) =>
    right.kind === 'request' ? [lowerFirst(right.title[lang])] : [],
  );
  const complaint = policy.rights.find((right) => right.kind === 'complaint');
  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="alternate" hreflang="${other.lang}" href="?lang=${other.lang}">
<style>${new Html(POLICY_PAGE_STYLE)}</style>
</head>
<body>
<header>
<p class="lang"><a href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></p>
<h1>${title}</h1>
<p>${text.intro(organisation)}</p>
</header>
<main>
<section id="tasks" aria-labelledby="tasks-title">
<h2 id="tasks-title">${text.tasksTitle}</h2>
<ul class="cards">
<li><h3><a href="${link('policy')}">${text.policy.link}</a></h3>
<p>${text.policy.text}</p>
${versionLine(policy, lang)}</li>
<li><h3><a href="${link('forms/request')}">${text.request.link}</a></h3>
<p>${text.request.text(listPhrase(requestRights, lang))}</p></li>
<li><h3><a href="${link('forms/contact')}">${text.contact.link}</a></h3>
<p>${text.contact.text}</p></li>
<li id="check"><h3>${text.check.title}</h3>
<p>${text.check.receipt}</p>
<p>${text.check.lost}</p>
<p class="note">${text.check.why}</p></li>
</ul>
${
  complaint === undefined
    ? ''
    : html`<p>${text.complaint(policy.supervisoryAuthority.name, ui.gdprArticle(complaint.gdprArticle))} <a href="${link('policy', '#right-complaint')}">${text.complaintLink}</a>.</p>\n`
}</section>
<section id="who" aria-labelledby="who-title">
<h2 id="who-title">${text.whoTitle}</h2>
<p>${text.who(organisation)}</p>
<ul class="cards">
${policy.controllers.map((controller) => controllerCard(controller, lang))}</ul>
<h3>${text.reachTitle}</h3>
<ul>
<li><a href="${link('forms/contact')}">${ui.contactTopics.form}</a></li>
${policy.contactChannels.map((channel) => html`<li>${contactChannel(channel, lang)}</li>\n`)}</ul>
</section>
</main>
<footer>
<p>${text.basedOn} <a href="${link('policy')}">${ui.versionPrefix(policy.version).toLowerCase()} <time datetime="${policy.effectiveDate}">${formatDate(policy.effectiveDate, lang)}</time></a>.</p>
</footer>
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}

function versionLine(policy: PolicyDocument, lang: Language): Html {
  return html`<p class="meta">${UI_TEXT[lang].versionPrefix(policy.version)} <time datetime="${policy.effectiveDate}">${formatDate(policy.effectiveDate, lang)}</time></p>`;
}

/** One company: name, org number, address, what it runs and its privacy contact (GDPR Art. 13(1)(a)). */
function controllerCard(controller: Controller, lang: Language): Html {
  const ui = UI_TEXT[lang];
  const { address } = controller;
  return html`<li><h3>${controller.legalName}</h3>
<dl>
<dt>${ui.orgNumber}</dt><dd>${formatOrgNumber(controller.orgNumber)}</dd>
<dt>${ui.address}</dt><dd>${address.street}, ${address.postalCode} ${address.city}</dd>
<dt>${ui.operates}</dt><dd>${listPhrase(
    controller.operates.map((activity) => ui.activity[activity]),
    lang,
  )}</dd>
<dt>${TEXT[lang].privacyContact}</dt><dd><a href="mailto:${controller.privacyContactEmail}">${controller.privacyContactEmail}</a></dd>
</dl></li>
`;
}

function contactChannel(channel: ContactChannel, lang: Language): Html {
  const ui = UI_TEXT[lang];
  if (channel.kind === 'email') {
    return html`<strong>${ui.contactTopics.email}:</strong> <a href="mailto:${channel.address}">${channel.address}</a>. ${channel.description[lang]}`;
  }
  return html`<strong>${ui.contactTopics.phone}:</strong> <a href="tel:${channel.number}">${channel.display}</a>. ${channel.description[lang]}`;
}

/** "Rett til innsyn" → "rett til innsyn" inside a sentence; acronyms keep their capitals. */
function lowerFirst(text: string): string {
  return /^\p{Lu}(?!\p{Lu})/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
