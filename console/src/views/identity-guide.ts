/** The identity-check guide beside an open identity check, as the API words it in both languages. */
import type { IdentityCheckGuide } from '../../../lambdas/domain/staff/staff-api';
import { h } from '../dom';
import { lang, texts } from '../state';

/** Beside an open identity check: why it is needed, under which rule, and what to check. */
export function identityGuide(guide: IdentityCheckGuide): HTMLElement {
  const text = texts();
  return h(
    'div',
    { class: 'identity-guide' },
    h('h4', {}, text.idGuideWhy),
    h(
      'ul',
      { class: 'guide-reasons' },
      guide.reasons.map((reason) =>
        h(
          'li',
          {},
          h('p', {}, reason.text[lang]),
          reason.source === undefined
            ? ''
            : h('p', { class: 'guide-source' }, `${text.idGuideRule}: ${reason.source[lang]}`),
          reason.assumption === undefined ? '' : h('p', { class: 'assumption' }, reason.assumption[lang]),
        ),
      ),
    ),
    h('h4', {}, text.idGuideChecks),
    h(
      'ol',
      { class: 'guide-checks' },
      guide.checks.map((check) => h('li', {}, check[lang])),
    ),
    h('p', { class: 'assumption' }, guide.checksAssumption[lang]),
  );
}
