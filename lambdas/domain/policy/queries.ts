/**
 * Look-ups other parts of the pipeline make on a validated policy: intake (which request types),
 * the workflow (which systems, per controller), the legal-hold check (which retention rules) and
 * reminders (which controller). Validation guarantees references resolve, so these never guess.
 * Type-only schema imports keep them free of zod.
 */
import type { Controller, PolicyDocument, PolicySystem, RequestType, RetentionRule } from './schema';

/** The request types intake accepts, in the order the notice lists them. */
export function offeredRequestTypes(policy: PolicyDocument): RequestType[] {
  return policy.rights.flatMap((right) => (right.kind === 'request' ? [right.type] : []));
}

/** The ids of the categories the policy marks special (GDPR Art. 9; for STERK the patient record). */
export function specialCategoryIds(policy: PolicyDocument): ReadonlySet<string> {
  return new Set(policy.categories.filter((category) => category.special).map((category) => category.id));
}

/** The controller for requests that do not name one. Validation ensures there is exactly one. */
export function mainController(policy: PolicyDocument): Controller {
  const main = policy.controllers.find((controller) => controller.main) ?? policy.controllers[0];
  if (main === undefined) throw new RangeError('The policy has no controllers');
  return main;
}

export function findController(policy: PolicyDocument, id: string): Controller | undefined {
  return policy.controllers.find((controller) => controller.id === id);
}

/** A controller's legal name, for emails and pages; an id the policy lacks is a bug upstream. */
export function controllerName(policy: PolicyDocument, id: string): string {
  const controller = findController(policy, id);
  if (controller === undefined) throw new RangeError(`Controller ${id} is not in the policy`);
  return controller.legalName;
}

/** The systems a request of this type runs against, optionally only those one controller uses. */
export function systemsForRequest(
  policy: PolicyDocument,
  type: RequestType,
  controllerId?: string,
): PolicySystem[] {
  return policy.systems.filter(
    (system) =>
      system.requestTypes.includes(type) &&
      (controllerId === undefined || system.controllers.includes(controllerId)),
  );
}

/** The retention rules that govern one category of data in one system. */
export function retentionRulesFor(
  policy: PolicyDocument,
  systemId: string,
  categoryId: string,
): RetentionRule[] {
  return policy.retention.filter(
    (rule) => rule.categories.includes(categoryId) && (rule.systems?.includes(systemId) ?? true),
  );
}
