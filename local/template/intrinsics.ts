/**
 * Resolves the CloudFormation intrinsics CDK emits for our resources (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split and the pseudo parameters) against local names and ARNs.
 */
export interface LocalResolver {
  readonly ref: (logicalId: string) => string;
  readonly getAtt: (logicalId: string, attribute: string) => string;
}

export class UnresolvableIntrinsicError extends Error {
  constructor(what: string) {
    super(`The local stack cannot resolve ${what}`);
    this.name = 'UnresolvableIntrinsicError';
  }
}

export const LOCAL_REGION = 'eu-north-1';
export const LOCAL_ACCOUNT = '000000000000';

const pseudo: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Personvern',
};

export function resolveIntrinsics(value: unknown, resolver: LocalResolver): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, resolver));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && (only[0] === 'Ref' || only[0].startsWith('Fn::'))) {
    return resolveFunction(only[0], only[1], resolver);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, resolver)]));
}

export function resolveString(value: unknown, resolver: LocalResolver): string {
  const resolved = resolveIntrinsics(value, resolver);
  if (typeof resolved !== 'string') throw new UnresolvableIntrinsicError(JSON.stringify(value));
  return resolved;
}

function resolveFunction(name: string, args: unknown, resolver: LocalResolver): unknown {
  switch (name) {
    case 'Ref': {
      const id = String(args);
      return pseudo[id] ?? resolver.ref(id);
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(args) ? args : String(args).split('.');
      return resolver.getAtt(String(id), String(attribute));
    }
    case 'Fn::Join': {
      const [separator, parts] = args as [string, unknown[]];
      return parts.map((p) => resolveString(p, resolver)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = args as [number, unknown];
      return (resolveIntrinsics(list, resolver) as unknown[])[Number(index)];
    }
    case 'Fn::Split': {
      const [separator, text] = args as [string, unknown];
      return resolveString(text, resolver).split(separator);
    }
    case 'Fn::Sub': {
      const [text, variables = {}] = (Array.isArray(args) ? args : [args, {}]) as [
        string,
        Record<string, unknown>,
      ];
      return text.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
        if (key in variables) return resolveString(variables[key], resolver);
        const [id, attribute] = key.split('.');
        if (id === undefined) throw new UnresolvableIntrinsicError(`\${${key}}`);
        return attribute === undefined ? (pseudo[id] ?? resolver.ref(id)) : resolver.getAtt(id, attribute);
      });
    }
    default:
      throw new UnresolvableIntrinsicError(name);
  }
}
