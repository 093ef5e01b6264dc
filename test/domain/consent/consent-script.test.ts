import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { demoContentSecurityPolicy } from '../../../lambdas/adapters/consent/consent-script-routes';
import {
  demoTags,
  renderDemoPage,
  renderRecordPage,
  sha256Base64,
} from '../../../lambdas/domain/consent/pages';
import { bannerConfig, CONSENT_SCRIPT, renderConsentScript } from '../../../lambdas/domain/consent/script';
import { POLICY_PAGE_STYLE } from '../../../lambdas/domain/policy/render';
import { sterkPolicy } from '../policy/sterk-fixture';

/** The size target of issue 21 (bench/README.md reports the figure): the banner gzipped under 15 KB. */
const GZIP_BUDGET_BYTES = 15 * 1024;

describe('Function: renderConsentScript', () => {
  it('is one script that parses, calls the banner with its configuration, and stays under its gzipped budget', () => {
    // Act
    const script = renderConsentScript(sterkPolicy());

    // Assess
    expect(() => new Script(script)).not.toThrow();
    expect(script).toContain(`${CONSENT_SCRIPT}({`);
    expect(gzipSync(script, { level: 9 }).byteLength).toBeLessThan(GZIP_BUDGET_BYTES);
  });

  it("carries the policy's version, purposes and tools in both languages, and nothing can end a script tag", () => {
    // Prepare
    const policy = sterkPolicy();
    const pixel = policy.systems.find((s) => s.id === 'facebook-pixel');
    if (pixel === undefined) throw new Error('no pixel');
    pixel.name = 'Facebook Pixel</script><script>alert(1)</script>';

    // Act
    const script = renderConsentScript(policy);
    const config = bannerConfig(policy);

    // Assess
    expect(config.policyVersion).toBe(policy.version);
    expect(config.purposes.map((p) => p.id)).toEqual(['analytics', 'marketing']);
    expect(config.text.nb.purposes.map((p) => p.label)).toEqual(['Statistikk', 'Markedsføring']);
    expect(config.text.en.purposes[1]?.tools.map((t) => t.name)).toEqual([pixel.name]);
    expect(script).not.toMatch(/<\/script/i);
    expect(script).toContain('\\u003c/script>');
  });

  it('has a banner version that names its words: the same words give the same version, other words another', () => {
    // Prepare
    const policy = sterkPolicy();
    const changed = sterkPolicy();
    const analytics = changed.systems.find((s) => s.id === 'google-analytics');
    if (analytics === undefined) throw new Error('no analytics');
    analytics.purpose = { nb: 'Noe annet.', en: 'Something else.' };

    // Act
    const versions = [bannerConfig(policy), bannerConfig(sterkPolicy()), bannerConfig(changed)].map(
      (c) => c.bannerVersion,
    );

    // Assess
    expect(versions[0]).toMatch(/^1\.[0-9a-f]{10}$/);
    expect(versions[1]).toBe(versions[0]);
    expect(versions[2]).not.toBe(versions[0]);
  });
});

describe('The demo page', () => {
  it('has every tracker of the policy inert, under its purpose, after the banner in <head>', () => {
    // Act
    const page = renderDemoPage(sterkPolicy(), 'nb', '..', POLICY_PAGE_STYLE);

    // Assess
    expect(page.indexOf('<script src="../consent.js"></script>')).toBeLessThan(page.indexOf('<body>'));
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual([
      ' src="../consent.js"',
      ' type="text/plain" data-consent="analytics"',
      ' type="text/plain" data-consent="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-DEMO000000"',
      ' type="text/plain" data-consent="analytics"',
      ' type="text/plain" data-consent="marketing"',
    ]);
    expect(page).toContain('data-consent-open');
  });

  it("allows exactly its tags' inline code in its CSP, by hash", () => {
    // Prepare
    const { inlineScripts } = demoTags(sterkPolicy());

    // Act
    const csp = demoContentSecurityPolicy(sterkPolicy(), POLICY_PAGE_STYLE);

    // Assess
    expect(inlineScripts).toHaveLength(3);
    const hashes = csp['script-src'].match(/'sha256-[^']+'/g) ?? [];
    expect(hashes).toEqual(inlineScripts.map((text) => `'sha256-${sha256Base64(text)}'`));
    expect(csp['script-src']).toContain('https://www.googletagmanager.com');
    expect(csp['script-src']).not.toContain('unsafe');
  });
});

describe('The record page', () => {
  it('shows each record in words, escapes what it shows, and erases with a plain form on this origin', () => {
    // Prepare
    const record = {
      consentId: 'AAAAAAAAAAAAAAAAAAAAAA',
      recordId: 'r1',
      choices: { analytics: true, '<b>x</b>': false },
      action: 'custom' as const,
      policyVersion: '1.1.0',
      bannerVersion: '1.abc',
      decidedAt: '2026-12-06T10:00:00.000Z',
      recordedAt: '2026-12-06T10:00:05.000Z',
      keptUntil: '2028-01-06',
    };

    // Act
    const page = renderRecordPage([record], 'nb', { analytics: 'Statistikk' }, POLICY_PAGE_STYLE);

    // Assess
    expect(page).toContain('<dt>Statistikk</dt><dd>ja</dd>');
    expect(page).toContain('<dt>&lt;b&gt;x&lt;/b&gt;</dt><dd>nei</dd>');
    expect(page).toContain('<form method="post" action="AAAAAAAAAAAAAAAAAAAAAA/erase?lang=nb">');
    expect(page).not.toContain('<script');
  });
});
