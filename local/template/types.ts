/** The parts of a CloudFormation template the local stack reads. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  /** The template's own metadata: `personvern:policyFile` names the policy its functions bundle. */
  readonly Metadata?: Record<string, unknown>;
}
