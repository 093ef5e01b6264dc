import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The compliance packs Personvern is held to: a patient-data workload on AWS serverless. */
export function nagPacks(scope: IConstruct) {
  return [
    new AwsSolutionsChecks(scope),
    new HIPAASecurityChecks(scope),
    new NIST80053R5Checks(scope),
    new ServerlessChecks(scope),
  ];
}
