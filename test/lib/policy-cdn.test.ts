import { runInNewContext } from 'node:vm';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { negotiateLanguage } from '../../lambdas/domain/policy/language';
import { buildApp } from '../../lib/app';
import { POLICY_PATH_PATTERNS, pathPatternSource } from '../../lib/constructs/policy-cdn';
import { LANGUAGE_CASES } from '../domain/policy/language-cases';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = template.toJSON().Resources as Record<string, Resource>;

const [distributionId, distribution] = Object.entries(
  template.findResources('AWS::CloudFront::Distribution', {
    Properties: { DistributionConfig: { Comment: Match.stringLikeRegexp('^Personvern policy pages') } },
  }),
)[0] ?? ['', undefined];
const config = distribution?.Properties.DistributionConfig;
const behaviours: { PathPattern?: string; [key: string]: unknown }[] = [
  config.DefaultCacheBehavior,
  ...config.CacheBehaviors,
];

/** The template's value as a string, with each reference written as `<LogicalId>` (the URL suffix as AWS's). */
function joined(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (typeof v.Ref === 'string') return `<${v.Ref}>`;
  if (v['Fn::GetAtt'] !== undefined) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
  return parts.map(joined).join(separator);
}

const restApiId = Object.keys(template.findResources('AWS::ApiGateway::RestApi'))[0];
const API_BASE_URL = `https://<${restApiId}>.execute-api.${stack.region}.amazonaws.com/v1`;

interface EdgeRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, never>;
}
type EdgeResponse = { statusCode: number; headers: Record<string, { value: string }> };

/** The deployed viewer-request function, as the template holds it, run in a fresh V8 context. */
const viewerRequest = (() => {
  const [fn] = Object.values(template.findResources('AWS::CloudFront::Function'));
  const code = joined(fn?.Properties.FunctionCode);
  return runInNewContext(`${code}\nhandler`, {}) as (event: unknown) => EdgeRequest | EdgeResponse;
})();

function viewer(
  uri: string,
  query: Record<string, string> = {},
  acceptLanguage?: string,
): EdgeRequest | EdgeResponse {
  return viewerRequest({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '192.0.2.1' },
    request: {
      method: 'GET',
      uri,
      querystring: Object.fromEntries(Object.entries(query).map(([name, value]) => [name, { value }])),
      headers: acceptLanguage === undefined ? {} : { 'accept-language': { value: acceptLanguage } },
      cookies: {},
    },
  });
}

const isResponse = (result: EdgeRequest | EdgeResponse): result is EdgeResponse => 'statusCode' in result;

/** The language the edge puts in the cache key for `/policy`. */
function edgeLanguage(query: string | undefined, header: string | undefined): string | undefined {
  const result = viewer(
    '/policy',
    query === undefined ? {} : { lang: encodeURIComponent(query) },
    header,
  ) as EdgeRequest;
  return result.querystring.lang?.value;
}

/** Every API method in the template as `METHOD /path`, with the logical id of the function it calls. */
function apiRoutes(): { method: string; path: string; functionId: string }[] {
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (id === undefined) return ''; // the root resource (Fn::GetAtt RootResourceId)
    const resource = resources[id]?.Properties as { ParentId: unknown; PathPart: string };
    return `${pathOf(resource.ParentId)}/${resource.PathPart}`;
  };
  return Object.values(template.findResources('AWS::ApiGateway::Method')).map(({ Properties: p }) => {
    const uri = JSON.stringify(p.Integration?.Uri ?? '');
    return {
      method: p.HttpMethod as string,
      path: pathOf(p.ResourceId) || '/',
      functionId: /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(uri)?.[1] ?? '',
    };
  });
}

/** Concrete paths a reader would ask for: `{version}` as a number and as `.json`, other parameters as ids. */
function samples(path: string): string[] {
  const filled = path.replace(/\{(?!version\})\w+\}/g, 'r-123');
  return filled.includes('{version}') && !filled.includes('{version}/')
    ? [filled.replace('{version}', '3'), filled.replace('{version}', '3.json')]
    : [filled.replace('{version}', '3')];
}

const matchesBehaviour = (path: string) =>
  POLICY_PATH_PATTERNS.filter((pattern) => new RegExp(`^${pathPatternSource(pattern)}$`).test(path));

describe('PolicyCdn: the distribution', () => {
  it('has the public API as its only origin: the stage path, HTTPS only, TLS 1.2', () => {
    // Assess
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: expect.anything(),
        OriginPath: '/v1',
        CustomOriginConfig: expect.objectContaining({
          OriginProtocolPolicy: 'https-only',
          OriginSSLProtocols: ['TLSv1.2'],
        }),
      }),
    ]);
    expect(joined(config.Origins[0].DomainName)).toBe(API_BASE_URL.replace(/^https:\/\/|\/v1$/g, ''));
  });

  it('caches exactly the policy paths, GET and HEAD only, HTTPS, compressed, through the function', () => {
    // Prepare
    const [functionId] = Object.keys(template.findResources('AWS::CloudFront::Function'));
    const [cachePolicyId] = Object.keys(
      template.findResources('AWS::CloudFront::CachePolicy', {
        Properties: { CachePolicyConfig: { Name: Match.stringLikeRegexp('policy-pages$') } },
      }),
    );

    // Assess
    expect(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual([
      '/policy',
      '/policy.json',
      '/policy/versions',
      '/policy/versions/*',
    ]);
    for (const behaviour of behaviours) {
      expect(behaviour).toMatchObject({
        AllowedMethods: ['GET', 'HEAD'],
        CachedMethods: ['GET', 'HEAD'],
        ViewerProtocolPolicy: 'redirect-to-https',
        Compress: true,
        CachePolicyId: { Ref: cachePolicyId },
        FunctionAssociations: [
          { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
        ],
      });
      // The origin's security headers reach the reader as they are: nothing replaces or forwards more.
      expect(behaviour.ResponseHeadersPolicyId).toBeUndefined();
      expect(behaviour.OriginRequestPolicyId).toBeUndefined();
    }
  });

  it('takes TTLs from the origin (0 to a day) and keys on the language and ?from= only', () => {
    // Assess
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        Name: `${stack.stackName}-${stack.region}-policy-pages`,
        MinTTL: 0,
        DefaultTTL: 0,
        MaxTTL: 86400,
        ParametersInCacheKeyAndForwardedToOrigin: {
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
          QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['lang', 'from'] },
          HeadersConfig: { HeaderBehavior: 'none' },
          // No cookies: CloudFront revalidates with If-None-Match only when it forwards none.
          CookiesConfig: { CookieBehavior: 'none' },
        },
      },
    });
  });

  it('runs the function on cloudfront-js-2.0, published', () => {
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      AutoPublish: true,
    });
  });

  it('gives the deployer the notice address as a stack output', () => {
    // Assess
    const outputs = template.findOutputs('*', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/policy']] },
    });
    expect(Object.keys(outputs)).toEqual([expect.stringMatching(/^PolicyCdnNoticeUrl/)]);
  });
});

describe('PolicyCdn: the paths match the API', () => {
  const routes = apiRoutes();
  const policyRoutes = routes.filter((r) => r.method === 'GET' && r.functionId.startsWith('PolicyGetPolicy'));
  const otherRoutes = routes.filter((r) => !policyRoutes.includes(r));

  it('finds the policy routes and the others in the template', () => {
    // Assess: the derivation itself, so an empty list cannot pass the tests below
    expect(policyRoutes.map((r) => r.path).sort()).toEqual([
      '/',
      '/policy',
      '/policy.json',
      '/policy/versions',
      '/policy/versions/{version}',
      '/policy/versions/{version}/changes',
      '/policy/versions/{version}/changes.json',
    ]);
    expect(otherRoutes.length).toBeGreaterThan(30);
  });

  it('lets every policy route through to the origin, each by a cached behaviour or (/) the default', () => {
    for (const route of policyRoutes) {
      for (const path of samples(route.path)) {
        // Act
        const result = viewer(path);

        // Assess
        expect({ path, redirected: isResponse(result) }).toEqual({ path, redirected: false });
        expect({ path, behaviours: matchesBehaviour(path).length > 0 || path === '/' }).toEqual({
          path,
          behaviours: true,
        });
      }
    }
  });

  it('has no behaviour that no policy route uses', () => {
    // Prepare
    const paths = policyRoutes.flatMap((r) => samples(r.path));

    // Assess
    for (const pattern of POLICY_PATH_PATTERNS) {
      expect({ pattern, used: paths.some((path) => matchesBehaviour(path).includes(pattern)) }).toEqual({
        pattern,
        used: true,
      });
    }
  });

  it('sends every other route (forms, requests, staff, eID, consent, any POST) to the API, never cached', () => {
    for (const route of otherRoutes) {
      for (const path of samples(route.path)) {
        // Act
        const result = viewer(path, { token: 'a%2Bb' });

        // Assess
        expect({ route: `${route.method} ${path}`, behaviours: matchesBehaviour(path) }).toEqual({
          route: `${route.method} ${path}`,
          behaviours: [],
        });
        expect(isResponse(result) && result).toMatchObject({
          statusCode: 302,
          headers: { location: { value: `${API_BASE_URL}${path}?token=a%2Bb` } },
        });
      }
    }
  });
});

describe('PolicyCdn: the viewer-request function', () => {
  it.each(LANGUAGE_CASES)(
    'keys on $expected when $why, as the origin would answer',
    ({ query, header, expected }) => {
      // Act
      const atTheEdge = edgeLanguage(query, header);

      // Assess
      expect(atTheEdge).toBe(expected);
      expect(negotiateLanguage(query, header)).toBe(expected);
    },
  );

  it('agrees with the origin on any Accept-Language built from real and odd tags and weights', () => {
    // Prepare
    const tag = fc.constantFrom(
      'en',
      'EN-gb',
      'nb',
      'nb-NO',
      'no',
      'nn',
      'de',
      'fr-CA',
      'sv',
      '*',
      'e',
      'x-y',
    );
    const weight = fc.constantFrom(
      '',
      ';q=0',
      ';q=0.5',
      ';q=0.500',
      ';q=1',
      ';q=1.5',
      ';q=.8',
      '; q = 0.9',
      ';x=1',
    );
    const header = fc
      .array(fc.tuple(tag, weight), { maxLength: 6 })
      .map((parts) => parts.map(([t, w]) => t + w).join(','));
    const query = fc.option(fc.constantFrom('en', 'nb', 'NO', 'de', '', 'en-US'), { nil: undefined });

    // Act and Assess
    fc.assert(
      fc.property(query, fc.option(header, { nil: undefined }), (q, h) => {
        expect(edgeLanguage(q, h)).toBe(negotiateLanguage(q, h));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the origin on whatever strangers send', () => {
    // Prepare
    const text = fc.option(fc.string({ maxLength: 300 }), { nil: undefined });

    // Act and Assess
    fc.assert(
      fc.property(text, text, (q, h) => {
        expect(edgeLanguage(q, h)).toBe(negotiateLanguage(q, h));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    { uri: '/', lang: 'en', from: undefined },
    { uri: '/policy', lang: 'en', from: undefined },
    { uri: '/policy.json', lang: undefined, from: undefined },
    { uri: '/policy/versions', lang: undefined, from: undefined },
    { uri: '/policy/versions/3', lang: 'en', from: undefined },
    { uri: '/policy/versions/3.json', lang: undefined, from: undefined },
    { uri: '/policy/versions/3/changes', lang: 'en', from: '1' },
    { uri: '/policy/versions/3/changes.json', lang: undefined, from: '1' },
  ])('keys $uri on lang=$lang and from=$from only', ({ uri, lang, from }) => {
    // Act
    const result = viewer(uri, { lang: 'EN-gb', from: '1', utm_source: 'x' }, 'nb') as EdgeRequest;

    // Assess: parameters a page does not read cannot split its cache (utm_source is not in the key)
    expect(result.querystring.lang?.value).toBe(lang);
    expect(result.querystring.from?.value).toBe(from);
  });

  it('redirects with the query as the reader sent it, repeated parameters and all', () => {
    // Act
    const result = viewerRequest({
      version: '1.0',
      context: {},
      viewer: { ip: '192.0.2.1' },
      request: {
        method: 'GET',
        uri: '/forms/contact',
        querystring: { lang: { value: 'en', multiValue: [{ value: 'en' }, { value: 'nb' }] } },
        headers: {},
        cookies: {},
      },
    });

    // Assess
    expect(result).toMatchObject({
      statusCode: 302,
      headers: {
        location: { value: `${API_BASE_URL}/forms/contact?lang=en&lang=nb` },
        'strict-transport-security': { value: expect.stringContaining('max-age=') },
      },
    });
  });

  it('fits in CloudFront Functions’ 10 KB', () => {
    // Prepare
    const [fn] = Object.values(template.findResources('AWS::CloudFront::Function'));

    // Assess
    expect(Buffer.byteLength(joined(fn?.Properties.FunctionCode))).toBeLessThan(10 * 1024);
  });
});
