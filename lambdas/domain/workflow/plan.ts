/**
 * What a verified request needs, decided from the policy: whether staff must confirm the requester's
 * identity first, and which systems to collect from and how. The plan travels in the workflow's state,
 * so it holds ids and flags only; the reasons staff read are stored on the identity-check task.
 */
import { isYoungerThan } from '../intake/submissions';
import { systemsForRequest } from '../policy/queries';
import type { AgeRule, PolicyDocument, RequestType } from '../policy/schema';
import type { OnBehalfOf } from '../requests/record';

export type IdentityCheckReason =
  /** The request reaches special-category data (health data, the national identity number). */
  | {
      readonly kind: 'special-category';
      readonly categories: readonly string[];
      readonly systems: readonly string[];
    }
  /** A policy age rule asks staff to decide, e.g. a guardian acting for a child. */
  | { readonly kind: 'age-rule'; readonly ruleId: string };

export interface SystemStep {
  readonly systemId: string;
  readonly handling: 'automated' | 'manual' | 'not-linkable';
}

export interface RequestPlan {
  readonly identityCheck: boolean;
  readonly reasons: readonly IdentityCheckReason[];
  readonly systems: readonly SystemStep[];
}

export interface PlannedRequest {
  readonly type: RequestType;
  readonly controllerId: string;
  readonly onBehalfOf?: OnBehalfOf;
}

export function planRequest(policy: PolicyDocument, request: PlannedRequest, today: string): RequestPlan {
  const systems = systemsForRequest(policy, request.type, request.controllerId);
  const special = new Set(policy.categories.filter((c) => c.special).map((c) => c.id));
  const reasons: IdentityCheckReason[] = [];

  const touching = systems.filter((s) => s.categories.some((c) => special.has(c)));
  if (touching.length > 0) {
    reasons.push({
      kind: 'special-category',
      categories: [...new Set(touching.flatMap((s) => s.categories.filter((c) => special.has(c))))],
      systems: touching.map((s) => s.id),
    });
  }
  const categoriesInScope = new Set(systems.flatMap((s) => s.categories));
  for (const rule of policy.ageRules) {
    if (rule.staffIdentityCheck && ageRuleApplies(rule, request, today, categoriesInScope)) {
      reasons.push({ kind: 'age-rule', ruleId: rule.id });
    }
  }
  return {
    identityCheck: reasons.length > 0,
    reasons,
    systems: systems.map((s) => ({ systemId: s.id, handling: s.handling.kind })),
  };
}

function ageRuleApplies(
  rule: AgeRule,
  request: PlannedRequest,
  today: string,
  categoriesInScope: ReadonlySet<string>,
): boolean {
  const child = request.onBehalfOf;
  if (child === undefined) return false;
  if (rule.kind === 'guardian-consent') return isYoungerThan(child.birthDate, rule.belowAge, today);
  // Own rights and the child's view: between the ages, for these types, when these categories are in scope.
  return (
    !isYoungerThan(child.birthDate, rule.fromAge, today) &&
    isYoungerThan(child.birthDate, rule.belowAge, today) &&
    (rule.requestTypes?.includes(request.type) ?? true) &&
    rule.categories.some((c) => categoriesInScope.has(c))
  );
}
