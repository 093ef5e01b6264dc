/**
 * The second organisation's policy (issue 18): Tannlege Fjordsmil AS, a fictional one-company dental clinic
 * with another journal system and no newsletter. It must be as valid and as lawful as STERK's, and its
 * notice must be its own: nothing of STERK's may show through the code that renders it.
 */
import { readFileSync } from 'node:fs';
import { consoleCatalog } from '../../../console/build';
import { lintPolicy } from '../../../lambdas/domain/policy/lint/lint';
import { renderPolicyPage } from '../../../lambdas/domain/policy/render';
import { validatePolicy } from '../../../lambdas/domain/policy/validate';
import { repoRoot } from '../../../lib/paths';

const FILE = 'policy/fjordsmil.json';
const document = () => JSON.parse(readFileSync(`${repoRoot}/${FILE}`, 'utf8'));

function policy() {
  const result = validatePolicy(document());
  if (!result.ok) throw new Error(result.issues.join('\n'));
  return result.policy;
}

describe('Policy: Tannlege Fjordsmil (policy/fjordsmil.json)', () => {
  it('validates, and is stored in the canonical form the schema produces, so the bundle can serve it without parsing', () => {
    // Act
    const result = validatePolicy(document());

    // Assess
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.policy).toEqual(document());
  });

  it('is one company running one clinic, with another journal system and no newsletter', () => {
    // Act
    const { controllers, systems, rights } = policy();

    // Assess
    expect(controllers.map((c) => [c.legalName, c.main, c.operates])).toEqual([
      ['Tannlege Fjordsmil AS', true, ['clinic']],
    ]);
    expect(systems.map((s) => s.id)).toEqual([
      'opus-dental',
      'timebok',
      'kortterminal',
      'nettsider',
      'personvern',
    ]);
    expect(systems.some((s) => s.handling.kind === 'automated' && s.handling.connector === 'mailchimp')).toBe(
      false,
    );
    expect(systems.some((s) => s.tracker)).toBe(false);
    expect(rights.some((r) => r.kind === 'request' && r.type === 'objection')).toBe(false);
  });

  it('lints with no error; every warning is an assumption the clinic has to confirm', () => {
    // Act
    const report = lintPolicy(policy());

    // Assess
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(report.errors).toBe(0);
    expect(new Set(report.findings.map((finding) => finding.rule))).toEqual(
      new Set(['assumptions-to-confirm']),
    );
    expect(report.warnings).toBe(policy().assumptions.length);
  });

  it.each(['nb', 'en'] as const)(
    'renders a notice (%s) that names the clinic and nothing of STERK',
    (lang) => {
      // Act
      const html = renderPolicyPage(policy(), lang);

      // Assess
      expect(html).toContain('Tannlege Fjordsmil AS');
      expect(html).toContain('928 741 354');
      expect(html).toContain('Opus Dental');
      expect(html).not.toMatch(/STERK|PasientSky|BRP|Mailchimp/i);
    },
  );

  it("gives the staff console the clinic's names and report", () => {
    // Act
    const catalog = consoleCatalog(FILE);

    // Assess
    expect(catalog.controllers).toEqual([{ id: 'fjordsmil', name: 'Tannlege Fjordsmil AS' }]);
    expect(catalog.systems.map((s) => s.name)).toContain('Opus Dental');
    expect(catalog.policyReport).toMatchObject({ errors: 0, warnings: policy().assumptions.length });
  });
});
