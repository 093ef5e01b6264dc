/**
 * The WebACL of the template, as far as the local gateway can evaluate it: the rate-based rule and the
 * size rules of AWS's common rule set, with their action overrides and scope-downs. The managed groups'
 * signature rules (bad bots, XSS, SQL injection, known bad inputs, a missing User-Agent) are AWS's own and
 * are not emulated; docs/architecture.md says so.
 */
import type { CfnResource, CfnTemplate } from './types';

/** A scope-down condition the local gateway can evaluate: a regex on the URI path, combined with not/and/or. */
export type LocalWafCondition =
  | { readonly kind: 'path-matches'; readonly pattern: RegExp }
  | { readonly kind: 'not'; readonly condition: LocalWafCondition }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly LocalWafCondition[] };

export type LocalWafRule =
  | {
      readonly kind: 'rate';
      readonly name: string;
      readonly limit: number;
      readonly windowSeconds: number;
      readonly scope?: LocalWafCondition;
    }
  | {
      readonly kind: 'size';
      /** The managed rule's own name, e.g. SizeRestrictions_BODY. */
      readonly name: string;
      readonly part: 'body' | 'query' | 'path' | 'cookie';
      readonly maxBytes: number;
      readonly scope?: LocalWafCondition;
    };

export interface LocalWebAcl {
  /** In the order WAF evaluates them; only those that block (an override to Count drops a rule). */
  readonly rules: readonly LocalWafRule[];
}

/**
 * The size rules of AWSManagedRulesCommonRuleSet, as AWS documents them (the rule group's version 1.x):
 * each blocks a request whose part is larger than the limit.
 */
const COMMON_RULE_SET_SIZES: readonly {
  name: string;
  part: 'body' | 'query' | 'path' | 'cookie';
  maxBytes: number;
}[] = [
  { name: 'SizeRestrictions_QUERYSTRING', part: 'query', maxBytes: 2048 },
  { name: 'SizeRestrictions_Cookie_HEADER', part: 'cookie', maxBytes: 10240 },
  { name: 'SizeRestrictions_BODY', part: 'body', maxBytes: 8192 },
  { name: 'SizeRestrictions_URIPATH', part: 'path', maxBytes: 1024 },
];

/** The stack's one WebACL, or undefined when the template has none. */
export function readWebAcl(template: CfnTemplate): LocalWebAcl | undefined {
  const acls = Object.values(template.Resources).filter((r) => r.Type === 'AWS::WAFv2::WebACL');
  if (acls.length > 1) throw new Error('The local gateway evaluates one WebACL; the template has more');
  const [acl] = acls;
  return acl === undefined ? undefined : { rules: readRules(acl) };
}

interface CfnRule {
  readonly Name: string;
  readonly Priority: number;
  readonly Action?: Record<string, unknown>;
  readonly Statement: Record<string, Record<string, unknown>>;
}

function readRules(acl: CfnResource): LocalWafRule[] {
  const rules = [...((acl.Properties?.Rules as CfnRule[] | undefined) ?? [])].sort(
    (a, b) => a.Priority - b.Priority,
  );
  return rules.flatMap((rule): LocalWafRule[] => {
    const rate = rule.Statement.RateBasedStatement;
    if (rate !== undefined) {
      if (rule.Action?.Block === undefined) return [];
      if (rate.AggregateKeyType !== 'IP')
        throw new Error(`WAF rule ${rule.Name}: only IP aggregation is emulated`);
      const scope = rate.ScopeDownStatement as Record<string, Record<string, unknown>> | undefined;
      return [
        {
          kind: 'rate',
          name: rule.Name,
          limit: Number(rate.Limit),
          windowSeconds: Number(rate.EvaluationWindowSec ?? 300),
          ...(scope === undefined ? {} : { scope: readCondition(scope) }),
        },
      ];
    }
    const managed = rule.Statement.ManagedRuleGroupStatement;
    if (managed?.Name !== 'AWSManagedRulesCommonRuleSet') return [];
    const counted = new Set(
      (
        (managed.RuleActionOverrides as
          | { Name: string; ActionToUse: Record<string, unknown> }[]
          | undefined) ?? []
      )
        .filter((override) => override.ActionToUse.Count !== undefined)
        .map((override) => override.Name),
    );
    const excluded = new Set(
      ((managed.ExcludedRules as { Name: string }[] | undefined) ?? []).map((r) => r.Name),
    );
    const scope = managed.ScopeDownStatement as Record<string, Record<string, unknown>> | undefined;
    return COMMON_RULE_SET_SIZES.filter((size) => !counted.has(size.name) && !excluded.has(size.name)).map(
      (size) => ({ kind: 'size', ...size, ...(scope === undefined ? {} : { scope: readCondition(scope) }) }),
    );
  });
}

function readCondition(statement: Record<string, Record<string, unknown>>): LocalWafCondition {
  const [[type, body] = []] = Object.entries(statement);
  switch (type) {
    case 'NotStatement':
      return {
        kind: 'not',
        condition: readCondition(body?.Statement as Record<string, Record<string, unknown>>),
      };
    case 'AndStatement':
    case 'OrStatement':
      return {
        kind: type === 'AndStatement' ? 'and' : 'or',
        conditions: ((body?.Statements as Record<string, Record<string, unknown>>[]) ?? []).map(
          readCondition,
        ),
      };
    case 'RegexMatchStatement': {
      const field = body?.FieldToMatch as Record<string, unknown> | undefined;
      const transformations = (body?.TextTransformations as { Type: string }[] | undefined) ?? [];
      if (field?.UriPath === undefined || transformations.some((t) => t.Type !== 'NONE')) {
        throw new Error(
          'The local gateway evaluates regex scope-downs on the URI path without transformations only',
        );
      }
      return { kind: 'path-matches', pattern: new RegExp(String(body?.RegexString)) };
    }
    default:
      // A statement the local gateway cannot evaluate must stop the start, not pass silently.
      throw new Error(`The local gateway cannot evaluate the WAF statement ${type}`);
  }
}
