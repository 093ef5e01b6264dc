import { createWaf, type WafRequest } from '../../local/api/waf';
import { synthTemplate } from '../../local/template/synth';
import { type LocalWebAcl, readWebAcl } from '../../local/template/waf';

const request = (overrides: Partial<WafRequest> = {}): WafRequest => ({
  clientIp: '198.51.100.1',
  path: '/requests',
  query: '',
  cookie: '',
  body: Buffer.alloc(0),
  ...overrides,
});

describe('The local WAF, read from the synthesized template', () => {
  const acl = readWebAcl(synthTemplate()) as LocalWebAcl;

  it('finds the rate rule and the common rule set’s size rules, the body rule counted only', () => {
    // Assess
    expect(acl.rules.map((rule) => rule.name)).toEqual([
      'RateLimitPerIp',
      'SizeRestrictions_QUERYSTRING',
      'SizeRestrictions_Cookie_HEADER',
      'SizeRestrictions_URIPATH',
    ]);
  });

  it.each([
    [
      'a 45 KB public form body (the body rule only counts)',
      request({ body: Buffer.alloc(45 * 1024) }),
      undefined,
    ],
    [
      'a query over 2 KB',
      request({ path: '/policy', query: 'x'.repeat(2049) }),
      'SizeRestrictions_QUERYSTRING',
    ],
    [
      'a path over 1 KB',
      request({ path: `/requests/${'x'.repeat(1100)}/status` }),
      'SizeRestrictions_URIPATH',
    ],
    ['a cookie over 10 KB', request({ cookie: 'c'.repeat(10_241) }), 'SizeRestrictions_Cookie_HEADER'],
    [
      'a staff path over 1 KB (outside the set’s scope)',
      request({ path: `/staff/requests/${'x'.repeat(1100)}` }),
      undefined,
    ],
    ['a query of 2 KB exactly', request({ path: '/policy', query: 'x'.repeat(2048) }), undefined],
  ])('answers %s with %s', (_, given, blockedBy) => {
    // Act
    const verdict = createWaf(acl)(given);

    // Assess
    expect(verdict).toBe(blockedBy);
  });

  it('blocks a client over the rate limit within five minutes, and only that client, until the window moves on', () => {
    // Prepare
    const waf = createWaf(acl);
    const limit = acl.rules[0]?.kind === 'rate' ? acl.rules[0].limit : 0;
    const start = Date.parse('2026-12-06T09:00:00Z');

    // Act
    const verdicts = Array.from({ length: limit + 1 }, (_, n) => waf(request(), start + n));
    const someoneElse = waf(request({ clientIp: '198.51.100.2' }), start + limit + 1);
    const later = waf(request(), start + 5 * 60 * 1000 + limit + 2);

    // Assess
    expect(limit).toBe(1000);
    expect(verdicts.slice(0, limit).every((verdict) => verdict === undefined)).toBe(true);
    expect(verdicts[limit]).toBe('RateLimitPerIp');
    expect(someoneElse).toBeUndefined();
    expect(later).toBeUndefined();
  });

  it('blocks a 9 KB public body where a template leaves the body rule to block (AWS’s default), and still lets staff routes through', () => {
    // Prepare: the template with our Count override taken out, the managed rule as AWS ships it.
    const template = structuredClone(synthTemplate());
    let removed = 0;
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::WAFv2::WebACL') continue;
      for (const rule of (resource.Properties?.Rules ?? []) as {
        Statement?: { ManagedRuleGroupStatement?: { RuleActionOverrides?: { Name: string }[] } };
      }[]) {
        const managed = rule.Statement?.ManagedRuleGroupStatement;
        const before = managed?.RuleActionOverrides?.length ?? 0;
        if (managed?.RuleActionOverrides !== undefined) {
          managed.RuleActionOverrides = managed.RuleActionOverrides.filter(
            (o) => o.Name !== 'SizeRestrictions_BODY',
          );
          removed += before - managed.RuleActionOverrides.length;
        }
      }
    }
    const waf = createWaf(readWebAcl(template) as LocalWebAcl);

    // Act
    const nineKb = waf(request({ path: '/contact', body: Buffer.alloc(9 * 1024) }));
    const eightKb = waf(request({ path: '/contact', body: Buffer.alloc(8 * 1024) }));
    const staff = waf(request({ path: '/staff/policy/versions', body: Buffer.alloc(45 * 1024) }));
    const asShipped = createWaf(acl)(request({ path: '/contact', body: Buffer.alloc(9 * 1024) }));

    // Assess
    expect(removed).toBe(1);
    expect(nineKb).toBe('SizeRestrictions_BODY');
    expect(eightKb).toBeUndefined();
    expect(staff).toBeUndefined();
    expect(asShipped).toBeUndefined();
  });

  it('refuses to start on a scope-down it cannot evaluate, rather than letting everything through', () => {
    // Prepare
    const template = {
      Resources: {
        Acl: {
          Type: 'AWS::WAFv2::WebACL',
          Properties: {
            Rules: [
              {
                Name: 'Common',
                Priority: 0,
                Statement: {
                  ManagedRuleGroupStatement: {
                    Name: 'AWSManagedRulesCommonRuleSet',
                    ScopeDownStatement: { ByteMatchStatement: {} },
                  },
                },
              },
            ],
          },
        },
      },
    };

    // Assess
    expect(() => readWebAcl(template)).toThrow(/cannot evaluate the WAF statement ByteMatchStatement/);
  });
});
