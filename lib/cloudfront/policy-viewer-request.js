/**
 * The policy distribution's viewer-request function (CloudFront Functions, cloudfront-js-2.0), in front of
 * every behaviour of lib/constructs/policy-cdn.ts. `policyViewerRequestCode` puts `const CONFIG = {…};`
 * before this file: the paths CloudFront caches, the language table and the API's own base URL.
 *
 * - A path that is not a public policy page is answered with a redirect to the same path on the API, so
 *   forms, requests, consent and eID never pass through CloudFront (the API's per-client limits and the
 *   WAF's per-IP rule must see the reader's address, not CloudFront's).
 * - A page negotiated by language gets `?lang=nb|en` decided here, by the rule of
 *   lambdas/domain/policy/language.ts `negotiateLanguage`: the cache keys on that one normalized value
 *   instead of on Accept-Language, which has thousands of spellings. The origin then answers from `lang`.
 * - Query parameters the page does not read are dropped, so strangers cannot split the cache with them.
 *
 * Written for CloudFront's runtime: ES 5.1 with const, let and template literals; no modules, `??` or `?.`.
 * test/lib/policy-cdn.test.ts runs it in Node against the origin's own negotiation.
 */

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named `handler`.
function handler(event) {
  const request = event.request;
  const uri = request.uri;
  if (!new RegExp(CONFIG.cachedPaths).test(uri)) return redirectToApi(request);
  const query = request.querystring;
  if (new RegExp(CONFIG.unnegotiatedPaths).test(uri)) {
    delete query.lang;
  } else {
    const header = request.headers['accept-language'];
    query.lang = {
      value: negotiateLanguage(lastValue(query.lang), header === undefined ? undefined : header.value),
    };
  }
  if (!new RegExp(CONFIG.comparisonPaths).test(uri)) delete query.from;
  return request;
}

/** 302 to the same path and query on the API: not cached, so a later change of the API's URL takes hold. */
function redirectToApi(request) {
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: {
      location: { value: CONFIG.apiBaseUrl + request.uri + queryString(request.querystring) },
      'strict-transport-security': { value: 'max-age=31536000; includeSubDomains' },
    },
  };
}

/** The query put back together from the event's values, the way AWS's own query-normalizing example does. */
function queryString(querystring) {
  const parts = [];
  const names = Object.keys(querystring);
  for (let n = 0; n < names.length; n++) {
    const name = names[n];
    const entry = querystring[name];
    const values = entry.multiValue ? entry.multiValue : [entry];
    for (let i = 0; i < values.length; i++) parts.push(`${name}=${values[i].value}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** API Gateway gives a handler the last of repeated parameters, decoded; so does this. */
function lastValue(entry) {
  if (entry === undefined) return undefined;
  const raw = entry.multiValue ? entry.multiValue[entry.multiValue.length - 1].value : entry.value;
  try {
    return decodeURIComponent(raw);
  } catch (_) {
    return raw;
  }
}

// From here on, lambdas/domain/policy/language.ts line by line; only the table comes from CONFIG.

function languageForTag(tag) {
  const match = /^([a-z]{2,3})(?:-[a-z0-9]{1,8})*$/i.exec(tag.trim());
  if (match === null) return undefined;
  const primary = match[1].toLowerCase();
  return Object.hasOwn(CONFIG.languageByPrimaryTag, primary)
    ? CONFIG.languageByPrimaryTag[primary]
    : undefined;
}

function negotiateLanguage(queryLang, acceptLanguage) {
  const fromQuery = queryLang === undefined ? undefined : languageForTag(queryLang);
  if (fromQuery !== undefined) return fromQuery;
  const fromHeader = fromAcceptLanguage(acceptLanguage === undefined ? '' : acceptLanguage);
  return fromHeader === undefined ? CONFIG.defaultLanguage : fromHeader;
}

function fromAcceptLanguage(header) {
  let best;
  const parts = header.slice(0, 1000).split(',');
  for (let i = 0; i < parts.length; i++) {
    const pieces = parts[i].split(';');
    const language = languageForTag(pieces[0]);
    const q = qValue(pieces.slice(1));
    if (language === undefined || q <= 0) continue;
    // Equal q-values keep the header's order, as RFC 9110 intends.
    if (best === undefined || q > best.q) best = { language: language, q: q };
  }
  return best === undefined ? undefined : best.language;
}

function qValue(params) {
  for (let i = 0; i < params.length; i++) {
    const match = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(params[i]);
    if (match !== null) return Number(match[1]);
    if (/^\s*q\s*=/i.test(params[i])) return 0; // a malformed weight must not promote the tag
  }
  return 1;
}
