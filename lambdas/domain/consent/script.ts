/**
 * The cookie banner (`GET /consent.js`): one dependency-free script the website includes first in its
 * `<head>`, with the purposes and tools taken from the policy (purposes.ts) and its words in nb and en
 * (i18n.ts) written into it as data. What it does, in order:
 *
 * 1. Google Consent Mode v2: `gtag('consent', 'default', …)` with every key denied, before any tag can run;
 *    then, when a valid choice is stored, `update` with it.
 * 2. Tags are inert on the page (`<script type="text/plain" data-consent="analytics" …>`, or any element
 *    with `data-consent` and `data-src`); a tag runs only once every purpose it names is chosen. Nothing
 *    else loads before a choice.
 * 3. Without a valid choice (reask.ts) it shows the banner: "Godta alle" and "Avvis alle" side by side in one
 *    style and size, "Tilpass" with a box per purpose and none ticked, a link to the policy. It is a
 *    non-modal dialog first in the page's focus order: the page stays usable (no cookie wall).
 * 4. The choice is kept in localStorage with the policy and banner versions and posted to `POST /consent`
 *    under a random consent id. The post is a simple request (text/plain, `no-cors`), since the website is
 *    another origin and the API offers it no CORS; a post that may not have arrived is sent again on the
 *    next page (the record is idempotent).
 * 5. "Endre samtykke": any element with `data-consent-open` (or `PersonvernConsent.open()`) opens the banner
 *    again, where refusing is one click. Refusing what was granted also updates Consent Mode, revokes the Meta
 *    Pixel's consent and removes the well-known tracker cookies; tags already running stop with the next page.
 *    Under "Tilpass" the visitor sees the consent id, a link to what is stored, and can erase it.
 *
 * The banner's styles live in a shadow root, out of reach of the page's CSS; a page with a strict CSP gives
 * the script a nonce (copied onto the style) or allows CONSENT_STYLE's hash.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../policy/language';
import type { PolicyDocument } from '../policy/schema';
import { BANNER_TEXT, type BannerText } from './i18n';
import { type ConsentPurpose, consentModeDefaults, consentPurposes } from './purposes';
import { REASK_RULE_JS } from './reask';

/** The banner's stylesheet, in its shadow root. One constant, so a page's CSP can allow it by hash. */
export const CONSENT_STYLE = `:host{all:initial}
.pv{position:fixed;z-index:2147483000;left:0;right:0;bottom:0;box-sizing:border-box;width:calc(100% - 1rem);max-width:42rem;max-height:calc(100vh - 1rem);overflow:auto;margin:0 auto .5rem;padding:1rem 1.25rem;background:Canvas;color:CanvasText;color-scheme:light dark;border:1px solid;border-radius:.5rem;box-shadow:0 .25rem 1.5rem rgba(0,0,0,.35);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}
.pv[hidden],.pv [hidden]{display:none}
.pv h2{font-size:1.15rem;line-height:1.3;margin:0 0 .5rem}
.pv p{margin:.5rem 0}
.pv a,.pv-l{color:LinkText}
.pv-m{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:.75rem 0 .5rem}
.pv-b{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border:2px solid CanvasText;border-radius:.375rem;background:CanvasText;color:Canvas;cursor:pointer}
.pv-l{font:inherit;padding:.25rem 0;border:0;background:none;text-decoration:underline;cursor:pointer}
.pv :focus-visible{outline:3px solid Highlight;outline-offset:2px}
.pv fieldset{border:0;margin:.5rem 0;padding:0}
.pv legend{font-weight:600;padding:0}
.pv-c{margin:.75rem 0;padding:.5rem .75rem;border:1px solid GrayText;border-radius:.375rem}
.pv-c input{width:1.25rem;height:1.25rem;margin:0 .5rem 0 0;vertical-align:middle}
.pv-c label{font-weight:600}
.pv-c ul{margin:.25rem 0;padding-left:1.25rem;font-size:.9rem}
.pv-k{font-size:.9rem}
.pv code{overflow-wrap:anywhere}
.pv-s{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/**
 * The banner's code, a function of its configuration (`bannerConfig`). Plain ES2017 for any browser of the
 * last five years; it needs `fetch` only to post the record, and works without it.
 */
export const CONSENT_SCRIPT = String.raw`(function (C) {
  'use strict';
  var w = window, d = document, KEY = 'personvern-consent';
  var me = d.currentScript;
  var base = me && me.src ? me.src.replace(/\/consent\.js(?:[?#].*)?$/, '') : '';
  var lang = /^en(-|$)/i.test(d.documentElement.lang || '') ? 'en' : 'nb';
  var T = C.text[lang];
  var ids = C.purposes.map(function (p) { return p.id; });
  ${REASK_RULE_JS}
  w.dataLayer = w.dataLayer || [];
  function gtag() { w.dataLayer.push(arguments); }
  function mode(choices) {
    var m = {};
    C.deny.forEach(function (k) { m[k] = 'denied'; });
    C.purposes.forEach(function (p) { if (choices[p.id] === true) p.mode.forEach(function (k) { m[k] = 'granted'; }); });
    return m;
  }
  gtag('consent', 'default', mode({}));
  function read() { try { return JSON.parse(w.localStorage.getItem(KEY) || 'null'); } catch (e) { return null; } }
  function write(s) { try { if (s) w.localStorage.setItem(KEY, JSON.stringify(s)); else w.localStorage.removeItem(KEY); } catch (e) {} }
  var stored = read();
  var current = needsAsking(stored, C.policyVersion, ids, Date.now()) ? null : stored;
  if (current) gtag('consent', 'update', mode(current.choices));
  function pixel(yes) { if (typeof w.fbq === 'function') try { w.fbq('consent', yes ? 'grant' : 'revoke'); } catch (e) {} }

  function allowed(el) {
    var need = (el.getAttribute('data-consent') || '').split(/\s+/).filter(Boolean);
    return !!current && need.length > 0 && need.every(function (p) { return current.choices[p] === true; });
  }
  // A page that enforces Trusted Types must allow this policy name (CSP trusted-types personvern-consent).
  var tt = null;
  try { if (w.trustedTypes && w.trustedTypes.createPolicy) tt = w.trustedTypes.createPolicy('personvern-consent', { createScript: function (x) { return x; }, createScriptURL: function (x) { return x; } }); } catch (e) {}
  function activate() {
    Array.prototype.forEach.call(d.querySelectorAll('[data-consent]:not([data-consent-on])'), function (el) {
      if (!allowed(el)) return;
      el.setAttribute('data-consent-on', '');
      if (el.tagName === 'SCRIPT') {
        if ((el.getAttribute('type') || '').toLowerCase() !== 'text/plain') return;
        var s = d.createElement('script');
        Array.prototype.forEach.call(el.attributes, function (a) { if (a.name !== 'type' && a.name !== 'src') s.setAttribute(a.name, a.value); });
        if (el.getAttribute('data-type')) s.type = el.getAttribute('data-type');
        if (el.nonce) s.nonce = el.nonce;
        var src = el.getAttribute('src');
        if (src) s.src = tt ? tt.createScriptURL(src) : src;
        else s.text = tt ? tt.createScript(el.text) : el.text;
        el.parentNode.replaceChild(s, el);
      } else if (el.getAttribute('data-src')) {
        el.setAttribute('src', el.getAttribute('data-src'));
      }
    });
  }
  function dropCookies(prefixes) {
    var parts = w.location.hostname.split('.');
    d.cookie.split(';').forEach(function (c) {
      var name = c.split('=')[0].trim();
      if (!prefixes.some(function (p) { return name.indexOf(p) === 0; })) return;
      d.cookie = name + '=; Max-Age=0; path=/';
      for (var i = 0; i < parts.length - 1; i++) d.cookie = name + '=; Max-Age=0; path=/; domain=.' + parts.slice(i).join('.');
    });
  }
  function newId() {
    if (w.crypto && typeof w.crypto.randomUUID === 'function') return w.crypto.randomUUID();
    var b = new Uint8Array(16);
    w.crypto.getRandomValues(b);
    return btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(path, body) {
    if (!base || typeof fetch !== 'function') return Promise.reject();
    var init = { method: 'POST', mode: 'no-cors', credentials: 'omit' };
    if (body) { init.headers = { 'Content-Type': 'text/plain' }; init.body = JSON.stringify(body); }
    return fetch(base + path, init);
  }
  function send(rec) {
    post('/consent', { consentId: rec.id, choices: rec.choices, action: rec.action, policyVersion: rec.policyVersion, bannerVersion: rec.bannerVersion, decidedAt: rec.decidedAt })
      .then(function () { var now = read(); if (now && now.id === rec.id && now.decidedAt === rec.decidedAt) { now.sent = true; write(now); } }, function () {});
  }
  function apply(before, after) {
    gtag('consent', 'update', mode(after));
    if (ids.indexOf('marketing') >= 0) pixel(after.marketing === true);
    C.purposes.forEach(function (p) { if (before[p.id] === true && after[p.id] !== true) dropCookies(p.cookies); });
  }
  function choose(choices, action) {
    var before = current ? current.choices : {};
    var id = (current && current.id) || (stored && typeof stored.id === 'string' && stored.id) || newId();
    current = { id: id, choices: choices, action: action, policyVersion: C.policyVersion, bannerVersion: C.bannerVersion, decidedAt: new Date().toISOString(), sent: false };
    stored = current;
    write(current);
    apply(before, choices);
    send(current);
    activate();
    box.hidden = true;
    say(T.saved);
    if (opener && opener.focus) opener.focus();
    opener = null;
  }
  function all(yes) { var c = {}; ids.forEach(function (id) { c[id] = yes; }); choose(c, yes ? 'accept-all' : 'reject-all'); }
  if (current && current.sent === false) send(current);

  var host, box, panel, custom, status, opener = null;
  function h(tag, attrs) {
    var e = d.createElement(tag);
    for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) { var c = arguments[i]; if (c) e.appendChild(typeof c === 'string' ? d.createTextNode(c) : c); }
    return e;
  }
  function button(text, onClick, cls) { var b = h('button', { type: 'button', class: cls || 'pv-b' }, text); b.addEventListener('click', onClick); return b; }
  function say(text) { status.textContent = ''; setTimeout(function () { status.textContent = text; }, 50); }
  function build() {
    host = h('div', { 'data-personvern-consent': '' });
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = h('style');
    style.textContent = ${JSON.stringify(CONSENT_STYLE)};
    if (me && me.nonce) style.nonce = me.nonce;
    var policy = (me && me.getAttribute('data-policy-url')) || base + '/policy?lang=' + lang + '#website';
    box = h('div', { class: 'pv', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'pv-t', 'aria-describedby': 'pv-d', tabindex: '-1', lang: lang });
    custom = button(T.customise, function () { showPanel(panel.hidden); }, 'pv-l');
    custom.setAttribute('aria-expanded', 'false');
    custom.setAttribute('aria-controls', 'pv-p');
    panel = h('div', { id: 'pv-p' });
    panel.hidden = true;
    status = h('p', { class: 'pv-s', role: 'status' });
    box.appendChild(h('h2', { id: 'pv-t' }, T.title));
    box.appendChild(h('p', { id: 'pv-d' }, T.intro + ' ', h('a', { href: policy }, T.policyLink)));
    box.appendChild(h('div', { class: 'pv-m' }, button(T.acceptAll, function () { all(true); }), button(T.rejectAll, function () { all(false); })));
    box.appendChild(custom);
    box.appendChild(panel);
    box.addEventListener('keydown', function (e) { if (e.key === 'Escape' && current) { box.hidden = true; if (opener && opener.focus) opener.focus(); opener = null; } });
    root.appendChild(style);
    root.appendChild(box);
    root.appendChild(status);
    d.body.insertBefore(host, d.body.firstChild);
  }
  function showPanel(show, note) {
    custom.setAttribute('aria-expanded', show ? 'true' : 'false');
    panel.hidden = !show;
    panel.textContent = '';
    if (!show) return;
    var boxes = [];
    var set = h('fieldset', null, h('legend', null, T.panelTitle), h('p', null, T.panelIntro));
    C.purposes.forEach(function (p, i) {
      var words = T.purposes[i];
      var cb = h('input', { type: 'checkbox', id: 'pv-c' + i, name: p.id, 'aria-describedby': 'pv-c' + i + 'd' });
      cb.checked = !!current && current.choices[p.id] === true;
      boxes.push(cb);
      var tools = h('ul');
      words.tools.forEach(function (t) { tools.appendChild(h('li', null, h('strong', null, t.name), ' (' + t.vendor + (t.to ? ', ' + T.sentTo + ' ' + t.to : '') + '): ' + t.purpose)); });
      set.appendChild(h('div', { class: 'pv-c' }, cb, h('label', { for: 'pv-c' + i }, words.label), h('p', { id: 'pv-c' + i + 'd' }, words.description), h('p', { class: 'pv-k' }, T.tools + ':'), tools));
    });
    panel.appendChild(set);
    panel.appendChild(button(T.save, function () { var c = {}; boxes.forEach(function (b) { c[b.name] = b.checked; }); choose(c, 'custom'); }));
    if (note) panel.appendChild(h('p', { role: 'alert' }, note));
    if (!current) return;
    panel.appendChild(h('p', null, T.consentId + ': ', h('code', null, current.id)));
    panel.appendChild(h('p', null, h('a', { href: base + '/consent/' + encodeURIComponent(current.id) + '?lang=' + lang, target: '_blank', rel: 'noopener' }, T.seeRecord)));
    panel.appendChild(button(T.erase, erase, 'pv-l'));
  }
  function erase() {
    var before = current.choices;
    post('/consent/' + encodeURIComponent(current.id) + '/erase').catch(function () {});
    current = null;
    stored = null;
    write(null);
    apply(before, {});
    showPanel(true, T.erased);
  }
  function open(byVisitor) {
    if (ids.length === 0) return;
    if (!host) build();
    showPanel(false);
    box.hidden = false;
    if (byVisitor) { opener = d.activeElement; box.focus(); }
  }
  d.addEventListener('click', function (e) {
    var t = e.target && e.target.closest ? e.target.closest('[data-consent-open]') : null;
    if (!t) return;
    e.preventDefault();
    open(true);
  });
  w.PersonvernConsent = { open: function () { open(true); }, choices: function () { return current ? JSON.parse(JSON.stringify(current.choices)) : null; } };
  function start() { activate(); if (!current) open(false); }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', start); else start();
})`;

/** The banner's own version: its major number, and a digest of its code and words, which change it. */
export const BANNER_MAJOR = 1;

interface ToolWords {
  readonly name: string;
  readonly vendor: string;
  readonly purpose: string;
  readonly to?: string;
}

type BannerWords = Omit<BannerText, 'purposes'> & {
  readonly purposes: { readonly label: string; readonly description: string; readonly tools: ToolWords[] }[];
};

export interface BannerConfig {
  readonly bannerVersion: string;
  readonly policyVersion: string;
  /** Consent Mode keys, all `denied` until a purpose grants them. */
  readonly deny: readonly string[];
  readonly purposes: {
    readonly id: string;
    readonly mode: readonly string[];
    readonly cookies: readonly string[];
  }[];
  readonly text: Record<Language, BannerWords>;
}

function wordsFor(purposes: readonly ConsentPurpose[], lang: Language): BannerWords {
  const { purposes: known, ...words } = BANNER_TEXT[lang];
  return {
    ...words,
    purposes: purposes.map((purpose) => {
      const tools = purpose.tools.map((tool) => ({
        name: tool.name,
        vendor: tool.vendor,
        purpose: tool.purpose[lang],
        ...(tool.transferTo === undefined ? {} : { to: tool.transferTo[lang] }),
      }));
      const own = purpose.tools[0];
      if (purpose.known) return { ...known[purpose.id as keyof typeof known], tools };
      return { label: own?.name ?? purpose.id, description: own?.purpose[lang] ?? '', tools };
    }),
  };
}

/** What the script is given: the policy's purposes and version, and the words, for one policy version. */
export function bannerConfig(policy: Pick<PolicyDocument, 'systems' | 'version'>): BannerConfig {
  const purposes = consentPurposes(policy);
  const text = { nb: wordsFor(purposes, 'nb'), en: wordsFor(purposes, 'en') };
  const digest = createHash('sha256')
    .update(CONSENT_SCRIPT)
    .update(JSON.stringify(text))
    .digest('hex')
    .slice(0, 10);
  return {
    bannerVersion: `${BANNER_MAJOR}.${digest}`,
    policyVersion: policy.version,
    deny: consentModeDefaults(purposes),
    purposes: purposes.map((p) => ({ id: p.id, mode: p.consentModeKeys, cookies: p.cookiePrefixes })),
    text,
  };
}

/** `GET /consent.js`: the banner's code called with this policy version's configuration. */
export function renderConsentScript(policy: Pick<PolicyDocument, 'systems' | 'version'>): string {
  const config = bannerConfig(policy);
  // JSON is valid JavaScript; `<` and the line separators are escaped so nothing in it can end a script.
  const data = JSON.stringify(config)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `/*! Personvern consent banner ${config.bannerVersion}, policy ${config.policyVersion} */\n${CONSENT_SCRIPT}(${data});\n`;
}
