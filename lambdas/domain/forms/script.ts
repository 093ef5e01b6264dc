/**
 * Progressive enhancement for the forms, as one constant so the handler can hash it into the CSP
 * (`script-src 'sha256-…'`). Without it the browser posts the form and the server answers 303.
 *
 * With it, the form posts with fetch (urlencoded, `Accept: application/json`):
 * - 2xx → ID-porten's sign-in when the person chose it (the answer's `eidUrl`), else a request's status
 *   page (from the answer's `statusUrl`; it has the field for the emailed code),
 *   otherwise the thank-you page (the chosen controller's own page when it has one);
 * - 400 with `error.fields` → each message next to its field (`f-<name>-error`, joined by
 *   aria-describedby, `aria-invalid="true"`), a summary with links at the top (role="alert"), and
 *   focus on the first invalid field in form order;
 * - anything else (413, 415, 429, 5xx, no network) → one general message in the summary.
 *
 * Framed by the organisation's website (docs/website-integration.md), it tells the parent page how tall the
 * page is, `{ type: 'personvern:height', height }` by postMessage, each time that changes: only to the
 * website's origins (the body's `data-embedders`, the same list as the CSP's `frame-ancestors`), never to
 * `*`. A request sent from a frame ends on the "check your email" page in the frame: the status page (it
 * carries the requester's secret) and ID-porten's sign-in are never shown inside another site's page; the
 * emailed link opens both.
 *
 * It is the same text on every page (the thank-you pages run only the framing part): language and URLs
 * come from the page's data attributes. An
 * Idempotency-Key is reused while the body is unchanged, so a retry after a lost response is safe.
 * Plain ES2020 for any browser of the last five years; no dependencies.
 */
export const FORM_SCRIPT = `
(() => {
  'use strict';
  const framed = window.parent != null && window.parent !== window;
  const embedders = ((document.body && document.body.getAttribute('data-embedders')) || '').split(' ').filter(Boolean);
  if (framed && embedders.length > 0) {
    // Where the browser says who the parent is (Chromium, Safari), to that origin alone; elsewhere to each
    // website origin in turn, and the browser delivers only to the one that matches the parent.
    const ancestors = window.location && window.location.ancestorOrigins;
    const parent = ancestors && ancestors.length > 0 ? ancestors[0] : null;
    const targets = parent ? embedders.filter((origin) => origin === parent) : embedders;
    let reported = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (!(height > 0) || height === reported) return;
      reported = height;
      for (const origin of targets) window.parent.postMessage({ type: 'personvern:height', height }, origin);
    };
    if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(document.documentElement);
    window.addEventListener('load', report);
    report();
  }

  const form = document.querySelector('form[data-enhance]');
  const summary = document.getElementById('form-errors');
  if (!form || !summary || typeof fetch !== 'function' || typeof FormData !== 'function' || typeof URLSearchParams !== 'function') return;
  const button = form.querySelector('button[type="submit"]');
  const text = (key) => form.getAttribute('data-msg-' + key) || '';
  const idFor = (name) => 'f-' + name.replace(/[^A-Za-z0-9]+/g, '-');
  const controlsFor = (name) => Array.prototype.filter.call(form.elements, (el) => el.name === name || (el.name || '').indexOf(name + '.') === 0);
  // Our own summary of the server's messages, in the page's language, instead of the browser's bubbles one
  // field at a time in the browser's language.
  form.noValidate = true;

  const counting = Array.prototype.filter.call(form.elements, (el) => el.getAttribute && el.getAttribute('data-maxlength'));
  for (const area of counting) {
    const max = Number(area.getAttribute('data-maxlength'));
    const counter = document.getElementById(area.id + '-count');
    if (!counter || !(max > 0)) continue;
    const update = () => {
      const n = area.value.length;
      const over = n > max;
      counter.textContent = text(over ? 'count-over' : 'count')
        .replace('{n}', String(n))
        .replace('{max}', String(max))
        .replace('{over}', String(n - max));
      counter.setAttribute('class', over ? 'counter over' : 'counter');
    };
    update();
    counter.hidden = false;
    area.addEventListener('input', update);
  }

  let shown = [];
  let busy = false;
  let lastBody = null;
  let key = null;

  const describe = (el, id, on) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((token) => token && token !== id);
    if (on) ids.unshift(id);
    if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  };

  const setBusy = (on) => {
    busy = on;
    if (button) button.disabled = on;
  };

  const clear = () => {
    for (const item of shown) {
      if (item.slot) {
        item.slot.textContent = '';
        item.slot.hidden = true;
      }
      for (const el of item.controls) {
        el.removeAttribute('aria-invalid');
        if (item.slot) describe(el, item.slot.id, false);
      }
    }
    shown = [];
    summary.replaceChildren();
  };

  const showGeneral = (status) => {
    const kind = status === 0 ? 'network' : status === 429 ? 'rate-limited' : status === 413 ? 'too-large' : 'general';
    const p = document.createElement('p');
    p.textContent = (text(kind) + ' ' + text('write-to-us')).trim();
    summary.replaceChildren(p);
    summary.focus();
  };

  const showFields = (fields) => {
    const names = [];
    for (const el of Array.prototype.slice.call(form.elements)) {
      for (const name of Object.keys(fields)) {
        if (names.indexOf(name) < 0 && (el.name === name || (el.name || '').indexOf(name + '.') === 0)) names.push(name);
      }
    }
    for (const name of Object.keys(fields)) if (names.indexOf(name) < 0) names.push(name);
    const heading = document.createElement('h2');
    heading.textContent = text('summary');
    const list = document.createElement('ul');
    let first = null;
    for (const name of names) {
      const message = String(fields[name]);
      const controls = controlsFor(name);
      const slot = document.getElementById(idFor(name) + '-error');
      if (slot) {
        slot.textContent = message;
        slot.hidden = false;
      }
      for (const el of controls) {
        el.setAttribute('aria-invalid', 'true');
        if (slot) describe(el, slot.id, true);
      }
      shown.push({ slot, controls });
      const item = document.createElement('li');
      const target = controls[0];
      if (target && target.id) {
        const link = document.createElement('a');
        link.href = '#' + target.id;
        link.textContent = message;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          target.focus();
        });
        item.appendChild(link);
      } else {
        item.textContent = message;
      }
      list.appendChild(item);
      if (!first && target) first = target;
    }
    summary.replaceChildren(heading, list);
    (first || summary).focus();
  };

  const thankYou = () => {
    const select = form.elements.namedItem('controller');
    const option = select && select.options ? select.options[select.selectedIndex] : null;
    return (option && option.getAttribute('data-thank-you')) || form.getAttribute('data-thank-you');
  };

  // An answer's JSON, or null when it has none (a gateway's HTML error page, say).
  const readJson = async (response) => {
    try {
      return await response.json();
    } catch (error) {
      return null;
    }
  };

  const newKey = () => (window.crypto && typeof window.crypto.randomUUID === 'function' ? window.crypto.randomUUID() : null);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    clear();
    const body = new URLSearchParams(new FormData(form)).toString();
    if (body !== lastBody) {
      lastBody = body;
      key = newKey();
    }
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (key) headers['Idempotency-Key'] = key;
    let response = null;
    try {
      response = await fetch(form.action, { method: 'POST', headers, body, credentials: 'same-origin' });
    } catch (error) {
      response = null;
    }
    if (response && response.ok) {
      // A request answers with its status page, which has the field for the emailed code: the person goes
      // on where they are. A contact message has none, and goes to the thank-you page.
      const payload = await readJson(response);
      // Chose ID-porten: on to its sign-in, which leads back to the status page. In a frame: our own
      // thank-you page, whatever was chosen (see above).
      const url = payload && (payload.eidUrl || payload.statusUrl);
      const next = !framed && typeof url === 'string' && (url.indexOf('https://') === 0 || url.indexOf('http://') === 0) ? url : null;
      window.location.assign(next || (framed ? form.getAttribute('data-thank-you') : thankYou()));
      return;
    }
    let fields = null;
    if (response && response.status === 400) {
      const payload = await readJson(response);
      fields = payload && payload.error && payload.error.fields;
    }
    setBusy(false);
    if (fields && typeof fields === 'object' && Object.keys(fields).length > 0) showFields(fields);
    else showGeneral(response ? response.status : 0);
  });

  // Coming back from the thank-you page restores this page from the back/forward cache, still busy.
  window.addEventListener('pageshow', () => setBusy(false));
})();
`.trim();
