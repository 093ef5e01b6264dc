/**
 * What a verified request needs, decided from the policy: whether staff must confirm the requester's
 * identity first, and which systems to collect from and how. The plan travels in the workflow's state,
 * so it holds ids and flags only; the reasons staff read are stored on the identity-check task.
 */
import type { BirthDateCheck } from '../identity/national-id';
import { isYoungerThan } from '../intake/submissions';
import { type IdentityLevel, identityLevelOf, meets } from '../policy/identity-levels';
import { specialCategoryIds, systemsForRequest } from '../policy/queries';
import type { AgeRule, PolicyDocument, PolicySystem, RequestType } from '../policy/schema';
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
  /** Reasons for a manual check that an eID sign-in already answered, so staff can see why none opened. */
  readonly satisfiedByEid?: readonly IdentityCheckReason['kind'][];
}

/** How the requester proved who they are with an eID (ID-porten), when they did (docs/id-porten.md). */
export interface VerifiedIdentity {
  readonly method: 'eid';
  readonly level: IdentityLevel;
  /** The national identity number's birth date against the one the requester typed. */
  readonly birthDate: BirthDateCheck;
}

export interface PlannedRequest {
  readonly type: RequestType;
  readonly controllerId: string;
  readonly onBehalfOf?: OnBehalfOf;
  readonly identity?: VerifiedIdentity;
}

export function planRequest(policy: PolicyDocument, request: PlannedRequest, today: string): RequestPlan {
  const systems = systemsForRequest(policy, request.type, request.controllerId);
  const special = specialCategoryIds(policy);
  const reasons: IdentityCheckReason[] = [];

  const touching = systems.filter((s) => s.categories.some((c) => special.has(c)));
  const eidAnswers = eidAnswersSpecialCategories(policy, request, touching);
  if (touching.length > 0 && !eidAnswers) {
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
    ...(touching.length > 0 && eidAnswers ? { satisfiedByEid: ['special-category' as const] } : {}),
  };
}

/**
 * An eID sign-in answers the special-category check when the person asks for themselves, at a level every
 * touching system accepts, and the birth date in their number does not contradict the one they typed.
 * A guardian's request keeps the check: the guardian's identity is proven, their responsibility is not.
 */
function eidAnswersSpecialCategories(
  policy: PolicyDocument,
  request: PlannedRequest,
  touching: readonly PolicySystem[],
): boolean {
  const identity = request.identity;
  if (identity === undefined || request.onBehalfOf !== undefined) return false;
  if (identity.birthDate === 'differs' || identity.birthDate === 'unknown') return false;
  return touching.every((system) => meets(identity.level, identityLevelOf(policy, system)));
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
