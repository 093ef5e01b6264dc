import { ENTRY_METADATA_KEY } from '../../lib/constructs/app-function';
import {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  type LocalResolver,
  resolveIntrinsics,
  UnresolvableIntrinsicError,
} from './intrinsics';
import type { CfnResource, CfnTemplate } from './types';
import { type LocalWebAcl, readWebAcl } from './waf';

export interface LocalFunction {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** Handler source relative to the repository root, from the AppFunction metadata. */
  readonly entry: string;
  readonly exportName: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
}

export interface LocalRoute {
  readonly method: string;
  /** API Gateway resource path, e.g. `/requests/{id}/verify`. */
  readonly resourcePath: string;
  readonly functionLogicalId: string;
  /**
   * The method's `AuthorizationType`: `COGNITO_USER_POOLS` for staff routes, whose requests the local API
   * checks as API Gateway's Cognito authorizer would. Absent means `NONE`.
   */
  readonly auth?: string;
}

export interface LocalTable {
  readonly name: string;
  readonly properties: Record<string, unknown>;
}

export interface LocalStateMachine {
  readonly name: string;
  readonly arn: string;
  readonly definition: Record<string, unknown>;
}

/** One of API Gateway's own answers as the template configures it (AWS::ApiGateway::GatewayResponse). */
export interface LocalGatewayResponse {
  /** `DEFAULT_4XX`, `MISSING_AUTHENTICATION_TOKEN`, `UNAUTHORIZED`, … */
  readonly type: string;
  readonly statusCode?: number;
  /** Static header values only (`'…'` in the template), unquoted. */
  readonly headers: Record<string, string>;
  readonly jsonTemplate?: string;
}

export interface LocalResources {
  readonly functions: Map<string, LocalFunction>;
  readonly routes: LocalRoute[];
  readonly gatewayResponses: LocalGatewayResponse[];
  readonly webAcl: LocalWebAcl | undefined;
  readonly tables: LocalTable[];
  readonly buckets: string[];
  readonly stateMachines: LocalStateMachine[];
  /**
   * Secrets, by the id handlers receive; `fake` names the local stand-in whose credentials fill it, and
   * `generated` says the template has Secrets Manager generate the value (GenerateSecretString).
   */
  readonly secrets: LocalSecret[];
}

export interface LocalSecret {
  readonly id: string;
  readonly fake?: string;
  readonly generated?: { readonly length: number; readonly excludePunctuation: boolean };
}

/** Template metadata on a secret: which local fake's credentials the local stack puts into it. */
export const LOCAL_FAKE_METADATA_KEY = 'personvern:local-fake';

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/** Reads everything the local stack runs from the synthesized template. */
export function readLocalResources(template: CfnTemplate): LocalResources {
  const resources = template.Resources;
  const resolver = localResolver(resources);
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  const functions = new Map<string, LocalFunction>();
  for (const [logicalId, resource] of ofType('AWS::Lambda::Function')) {
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string') continue; // Custom-resource providers are CDK's, not ours.
    const props = resource.Properties ?? {};
    const variables =
      (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    functions.set(logicalId, {
      logicalId,
      name: logicalId,
      arn: arn('lambda', `function:${logicalId}`),
      entry,
      exportName:
        String(props.Handler ?? 'index.handler')
          .split('.')
          .pop() ?? 'handler',
      environment: resolveIntrinsics(variables, resolver) as Record<string, string>,
      timeoutSeconds: Number(props.Timeout ?? 3),
    });
  }

  return {
    functions,
    routes: readRoutes(resources, functions),
    gatewayResponses: ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => readGatewayResponse(r)),
    webAcl: readWebAcl(template),
    tables: ofType('AWS::DynamoDB::Table').map(([id, r]) => ({
      name: resolver.ref(id),
      properties: r.Properties ?? {},
    })),
    buckets: ofType('AWS::S3::Bucket').map(([id]) => resolver.ref(id)),
    secrets: ofType('AWS::SecretsManager::Secret').map(([id, r]) => {
      const fake = r.Metadata?.[LOCAL_FAKE_METADATA_KEY];
      const generate = r.Properties?.GenerateSecretString as
        | { PasswordLength?: number; ExcludePunctuation?: boolean }
        | undefined;
      return {
        id: resolver.ref(id),
        ...(typeof fake === 'string' ? { fake } : {}),
        ...(generate === undefined
          ? {}
          : {
              generated: {
                length: generate.PasswordLength ?? 32,
                excludePunctuation: generate.ExcludePunctuation ?? false,
              },
            }),
      };
    }),
    stateMachines: ofType('AWS::StepFunctions::StateMachine').map(([id, r]) => ({
      name: id,
      arn: resolver.ref(id),
      definition: JSON.parse(String(resolveIntrinsics(r.Properties?.DefinitionString, resolver))),
    })),
  };
}

function readGatewayResponse(resource: CfnResource): LocalGatewayResponse {
  const props = resource.Properties ?? {};
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((props.ResponseParameters as Record<string, unknown>) ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    const literal = typeof value === 'string' ? /^'(.*)'$/.exec(value)?.[1] : undefined;
    if (name !== undefined && literal !== undefined) headers[name] = literal;
  }
  const template = (props.ResponseTemplates as Record<string, unknown> | undefined)?.['application/json'];
  return {
    type: String(props.ResponseType),
    ...(props.StatusCode === undefined ? {} : { statusCode: Number(props.StatusCode) }),
    headers,
    ...(typeof template === 'string' ? { jsonTemplate: template } : {}),
  };
}

function readRoutes(
  resources: Record<string, CfnResource>,
  functions: Map<string, LocalFunction>,
): LocalRoute[] {
  const pathOf = (resourceId: unknown): string => {
    const ref = (resourceId as { Ref?: string } | undefined)?.Ref;
    const resource = ref === undefined ? undefined : resources[ref];
    if (resource === undefined) return ''; // { Fn::GetAtt: [api, RootResourceId] }
    const props = resource.Properties ?? {};
    return `${pathOf(props.ParentId)}/${String(props.PathPart)}`;
  };
  // Every method with a Lambda integration, OPTIONS too: API Gateway hands an OPTIONS request to its function
  // like any other (the website's CORS preflights, lib/constructs/public-api.ts). A method with another
  // integration (MOCK, HTTP) has no function here and is left out: the local API would answer it 404.
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGateway::Method')
    .flatMap((r) => {
      const functionLogicalId = [...functions.keys()].find((id) =>
        JSON.stringify((r.Properties?.Integration as { Uri?: unknown } | undefined)?.Uri ?? '').includes(
          `["${id}","Arn"]`,
        ),
      );
      if (functionLogicalId === undefined) return [];
      return [
        {
          method: String(r.Properties?.HttpMethod),
          resourcePath: pathOf(r.Properties?.ResourceId) || '/',
          functionLogicalId,
          auth: String(r.Properties?.AuthorizationType ?? 'NONE'),
        },
      ];
    });
}

/** The resolver readLocalResources uses: local names and ARNs for Ref and Fn::GetAtt (local/template/iam.ts reuses it). */
export function localResolver(resources: Record<string, CfnResource>): LocalResolver {
  const typeOf = (id: string) => {
    const resource = resources[id];
    if (resource === undefined) throw new UnresolvableIntrinsicError(`a reference to unknown resource ${id}`);
    return resource.Type;
  };
  const ref = (id: string): string => {
    const props = resources[id]?.Properties ?? {};
    switch (typeOf(id)) {
      case 'AWS::DynamoDB::Table':
        return String(props.TableName ?? id);
      case 'AWS::S3::Bucket':
        return String(props.BucketName ?? id.toLowerCase());
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${id}`);
      case 'AWS::SQS::Queue':
        return `http://127.0.0.1/queue/${id}`;
      default:
        return id;
    }
  };
  const getAtt = (id: string, attribute: string): string => {
    const type = typeOf(id);
    const name = ref(id);
    if (attribute === 'Arn') {
      const service = type.split('::')[1]?.toLowerCase() ?? 'local';
      if (type === 'AWS::Lambda::Function') return arn('lambda', `function:${name}`);
      if (type === 'AWS::DynamoDB::Table') return arn('dynamodb', `table/${name}`);
      if (type === 'AWS::S3::Bucket') return `arn:aws:s3:::${name}`;
      if (type === 'AWS::StepFunctions::StateMachine') return name;
      return arn(service, name);
    }
    if (attribute === 'Name' || attribute === 'QueueName') return id;
    // A CloudFront distribution's domain (the staff console's address); the local stack serves the
    // console itself and overrides CONSOLE_URL, so any well-formed host will do.
    if (attribute === 'DomainName') return `${id.toLowerCase()}.cloudfront.local`;
    throw new UnresolvableIntrinsicError(`Fn::GetAtt ${id}.${attribute}`);
  };
  return { ref, getAtt };
}
