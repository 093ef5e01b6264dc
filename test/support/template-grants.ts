import type { CfnTemplate } from '../../local/template/types';

/** The role a function runs with, or a schedule invokes with (its Target.RoleArn), by logical id. */
export function roleOf(template: CfnTemplate, id: string): string {
  const properties = template.Resources[id]?.Properties;
  const roleRef = (properties?.Role ?? (properties?.Target as { RoleArn?: unknown } | undefined)?.RoleArn) as
    | { 'Fn::GetAtt'?: [string, string] }
    | undefined;
  const role = roleRef?.['Fn::GetAtt']?.[0];
  if (role === undefined) throw new Error(`${id} has no role in the template`);
  return role;
}

/**
 * A copy of the template with `action` taken out of every statement of the role's policies that grants it,
 * to show that the local IAM check refuses what AWS would refuse without the grant. Throws when nothing
 * granted it, since the test would then prove nothing.
 */
export function withoutRoleAction(template: CfnTemplate, roleId: string, action: string): CfnTemplate {
  const copy = structuredClone(template);
  let removed = 0;
  for (const resource of Object.values(copy.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if (!JSON.stringify(resource.Properties?.Roles ?? []).includes(`"${roleId}"`)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
    for (const statement of document.Statement) {
      const actions = [statement.Action].flat();
      if (!actions.includes(action)) continue;
      statement.Action = actions.filter((a) => a !== action);
      removed += 1;
    }
  }
  if (removed === 0) throw new Error(`${roleId} grants no ${action}: the test would prove nothing`);
  return copy;
}

/** The same, for the role of a function (or schedule) given by its logical id. */
export function withoutGrant(template: CfnTemplate, id: string, action: string): CfnTemplate {
  return withoutRoleAction(template, roleOf(template, id), action);
}
