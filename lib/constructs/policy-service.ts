import { readFileSync } from 'node:fs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { FormEnv } from '../../lambdas/config/environments';
import { POLICY_TABLE_VARIABLE } from '../../lambdas/config/policy-environment';
import { validatePolicy } from '../../lambdas/domain/policy/validate';
import { repoRoot } from '../paths';
import { AppFunction } from './app-function';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

export interface PolicyServiceProps {
  readonly api: PublicApi;
  readonly logKey: IKey;
  /** The document bundled into the function, relative to the repository root. */
  readonly policyFile: string;
  /** With ID-porten, the request form offers it, and its submission may lead the browser on to it. */
  readonly idportenIssuer?: string;
}

/**
 * The public pages rendered from the policy: the privacy centre `GET /` (the front door: who the companies
 * are, and the way to the notice, the forms and a request's status), `GET /policy` (HTML, nb/en) and `GET /policy.json` (the version
 * in effect now), `GET /policy/versions` and `GET /policy/versions/{version}[.json]` (every published version),
 * and the drop-in forms `GET /forms/{form}`, whose choices (request types, companies) come from the bundled
 * document. Published versions live in the data table, given later with `readVersionsFrom` (the table is made
 * after the API's public pages).
 */
export class PolicyService extends Construct {
  readonly function: AppFunction<never>;

  constructor(scope: Construct, id: string, props: PolicyServiceProps) {
    super(scope, id);
    // An invalid policy must never reach a deploy: the function trusts the document it bundles.
    const result = validatePolicy(JSON.parse(readFileSync(`${repoRoot}/${props.policyFile}`, 'utf8')));
    if (!result.ok) {
      throw new Error(`${props.policyFile} is not a valid policy document:\n  ${result.issues.join('\n  ')}`);
    }
    this.function = new AppFunction(this, 'GetPolicy', {
      entry: 'lambdas/handlers/api/get-policy.ts',
      description: 'Serves the privacy centre and the privacy policy as HTML (nb/en) and JSON',
      memorySize: 256,
      reservedConcurrentExecutions: 20,
      logKey: props.logKey,
    });
    // The centre renders from the same document as the notice, so it lives in the same function.
    props.api.addPublicRoute('GET', '/', this.function);
    props.api.addPublicRoute('GET', 'policy', this.function);
    props.api.addPublicRoute('GET', 'policy.json', this.function);
    props.api.addPublicRoute('GET', 'policy/versions', this.function);
    props.api.addPublicRoute('GET', 'policy/versions/{version}', this.function);
    props.api.addPublicRoute('GET', 'policy/versions/{version}/changes', this.function);
    props.api.addPublicRoute('GET', 'policy/versions/{version}/changes.json', this.function);
    const forms = new AppFunction(this, 'GetForm', {
      entry: 'lambdas/handlers/api/get-form.ts',
      description: 'Serves the contact and request forms and their thank-you pages (nb/en)',
      envSchema: FormEnv,
      // The website's origins may frame the forms (CSP frame-ancestors).
      environment: {
        ...(props.idportenIssuer === undefined ? {} : { IDPORTEN_ISSUER: props.idportenIssuer }),
        ...props.api.websiteEnvironment,
      },
      memorySize: 256,
      reservedConcurrentExecutions: 20,
      logKey: props.logKey,
    });
    props.api.addPublicRoute('GET', 'forms/{form}', forms);
  }

  /** The published versions are read (Query and GetItem only) from the single table. */
  readVersionsFrom(table: ITable, key: IKey): void {
    this.function.addEnvironment(POLICY_TABLE_VARIABLE, table.tableName);
    grantTable(table, key, this.function, ['GetItem', 'Query']);
  }
}
