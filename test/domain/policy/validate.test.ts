import { PolicyValidationError, parsePolicy, validatePolicy } from '../../../lambdas/domain/policy/validate';
import { sterkDocument } from './sterk-fixture';

// biome-ignore lint/suspicious/noExplicitAny: the cases break raw JSON on purpose
type Breakage = (document: any) => void;

describe('Function: validatePolicy', () => {
  it("accepts STERK's document as shipped", () => {
    // Prepare
    const document = sterkDocument();

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result).toEqual({ ok: true, policy: expect.anything() });
  });

  it("keeps STERK's document in canonical form, so the bundle can serve it without parsing", () => {
    // Prepare
    const document = sterkDocument();

    // Act
    const result = validatePolicy(document);

    // Assess
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.policy).toEqual(document);
  });

  it('normalises an org number typed with spaces to nine digits', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[1].orgNumber = '827 118 362';

    // Act
    const result = validatePolicy(document);

    // Assess
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.policy.controllers[1]?.orgNumber).toBe('827118362');
  });

  it.each<{ name: string; breakage: Breakage; issues: string[] }>([
    {
      name: 'an org number that fails the mod-11 check',
      breakage: (d) => {
        d.controllers[1].orgNumber = '827118363';
      },
      issues: ['controllers[1].orgNumber: 827118363 fails the mod-11 check'],
    },
    {
      name: 'a controller without a legal name',
      breakage: (d) => {
        delete d.controllers[0].legalName;
      },
      issues: ['controllers[0].legalName: required'],
    },
    {
      name: 'a retention rule without a legal reference',
      breakage: (d) => {
        delete d.retention[2].legalReference;
      },
      issues: ['retention[2].legalReference: required'],
    },
    {
      name: 'an unknown connector',
      breakage: (d) => {
        d.systems[4].handling = { kind: 'automated', connector: 'salesforce' };
      },
      issues: [
        'systems[4].handling.connector: unknown connector "salesforce" (expected internal or mailchimp)',
      ],
    },
    {
      name: 'an unknown handling kind',
      breakage: (d) => {
        d.systems[3].handling.kind = 'magic';
      },
      issues: [
        'systems[3].handling.kind: unknown handling kind "magic" (expected automated, manual, not-linkable)',
      ],
    },
    {
      name: 'a system that names a category nobody defined',
      breakage: (d) => {
        d.systems[1].categories.push('shoe-size');
      },
      issues: ['systems[1].categories[8]: unknown category "shoe-size"'],
    },
    {
      name: 'a retention rule that names a category nobody defined',
      breakage: (d) => {
        d.retention[0].categories.push('shoe-size');
      },
      issues: ['retention[0].categories[5]: unknown category "shoe-size"'],
    },
    {
      name: 'a system used by a controller that does not exist',
      breakage: (d) => {
        d.systems[0].controllers.push('sterk-bergen');
      },
      issues: ['systems[0].controllers[3]: unknown controller "sterk-bergen"'],
    },
    {
      name: 'two main controllers',
      breakage: (d) => {
        d.controllers[1].main = true;
      },
      issues: [
        'controllers: exactly one controller must be main (found 2: sterk-helse-og-trening, sterk-hasle)',
      ],
    },
    {
      name: 'no main controller',
      breakage: (d) => {
        d.controllers[0].main = false;
      },
      issues: ['controllers: exactly one controller must be main (found 0: none)'],
    },
    {
      name: 'a system offering a request type that rights do not offer',
      breakage: (d) => {
        d.rights.splice(4, 1);
      },
      issues: ['systems[1].requestTypes[4]: request type "portability" is not offered in rights'],
    },
    {
      name: 'portability from a system without consent or contract as its basis',
      breakage: (d) => {
        d.systems[6].requestTypes.push('portability');
      },
      issues: [
        'systems[6].requestTypes[7]: portability needs consent (6(1)(a)) or contract (6(1)(b)) in legalBasis.article6',
      ],
    },
    {
      name: 'data that no retention rule covers',
      breakage: (d) => {
        d.retention.splice(2, 1);
      },
      issues: [
        'systems[2].categories[0]: no retention rule covers "payment-card" in "melin-convene-medical"',
      ],
    },
    {
      name: 'a missing section',
      breakage: (d) => {
        d.sections.pop();
      },
      issues: ['sections: section "contact" is missing'],
    },
    {
      name: '"as long as needed" without saying what that means',
      breakage: (d) => {
        delete d.retention[2].condition;
      },
      issues: ['retention[2].condition: required when duration is null'],
    },
    {
      name: 'a retention period that is not an ISO-8601 period',
      breakage: (d) => {
        d.retention[1].duration = '5 years';
      },
      issues: [
        'retention[1].duration: must be an ISO-8601 period in years, months, weeks or days, e.g. "P10Y"',
      ],
    },
    {
      name: 'a version that cannot be ordered',
      breakage: (d) => {
        d.version = '1.0';
      },
      issues: ['version: must be MAJOR.MINOR.PATCH, such as "1.0.0"'],
    },
    {
      name: 'an effective date that does not exist',
      breakage: (d) => {
        d.effectiveDate = '2026-02-30';
      },
      issues: ['effectiveDate: must be a date in YYYY-MM-DD form'],
    },
    {
      name: 'an unknown request type',
      breakage: (d) => {
        d.rights[0].type = 'delete-everything';
      },
      issues: [
        'rights[0].type: unknown request type "delete-everything" (expected access, rectification, erasure, restriction, portability, objection, objection-general, withdraw-consent)',
      ],
    },
    {
      name: 'a label without its English text',
      breakage: (d) => {
        delete d.categories[0].label.en;
      },
      issues: ['categories[0].label.en: required'],
    },
    {
      name: 'a misspelt field',
      breakage: (d) => {
        d.controllers[0].legalname = d.controllers[0].legalName;
        delete d.controllers[0].legalName;
      },
      issues: ['controllers[0].legalName: required', 'controllers[0]: unknown field "legalname"'],
    },
  ])('rejects $name, naming the path', ({ breakage, issues }) => {
    // Prepare
    const document = sterkDocument();
    breakage(document);

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result).toEqual({ ok: false, issues });
  });

  it('reports a duplicate id at the second occurrence', () => {
    // Prepare
    const document = sterkDocument();
    document.recipients[1].id = 'hospitals';

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result).toEqual({ ok: false, issues: ['recipients[1].id: duplicate id "hospitals"'] });
  });

  it.each([null, 'policy', [], 42])('rejects %p as a whole document', (input) => {
    // Act
    const result = validatePolicy(input);

    // Assess
    expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/^\(document\): /)] });
  });
});

describe('Function: parsePolicy', () => {
  it('throws a PolicyValidationError that carries every issue', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[2].orgNumber = '923215892';

    // Act
    const parse = () => parsePolicy(document);

    // Assess
    expect(parse).toThrow(PolicyValidationError);
    expect(parse).toThrow(
      expect.objectContaining({ issues: ['controllers[2].orgNumber: 923215892 fails the mod-11 check'] }),
    );
  });
});
