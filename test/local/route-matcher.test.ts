import { matchRoute } from '../../local/api/route-matcher';
import type { LocalRoute } from '../../local/template/resources';

describe('Function: matchRoute', () => {
  const routes: LocalRoute[] = [
    { method: 'GET', resourcePath: '/', functionLogicalId: 'Centre' },
    { method: 'GET', resourcePath: '/policy', functionLogicalId: 'Page' },
    { method: 'GET', resourcePath: '/policy.json', functionLogicalId: 'Json' },
    { method: 'POST', resourcePath: '/requests/{id}/verify', functionLogicalId: 'Verify' },
    { method: 'GET', resourcePath: '/files/{key+}', functionLogicalId: 'Files' },
  ];

  it.each([
    ['GET', '/', 'Centre', null],
    ['GET', '/policy', 'Page', null],
    ['GET', '/policy/', 'Page', null],
    ['GET', '/policy.json', 'Json', null],
    ['POST', '/requests/r-1/verify', 'Verify', { id: 'r-1' }],
    ['POST', '/requests/a%20b/verify', 'Verify', { id: 'a b' }],
    ['GET', '/files/a/b/c.pdf', 'Files', { key: 'a/b/c.pdf' }],
  ])('routes %s %s to %s', (method, path, functionLogicalId, pathParameters) => {
    // Act
    const matched = matchRoute(routes, method, path);

    // Assess
    expect(matched?.route.functionLogicalId).toBe(functionLogicalId);
    expect(matched?.pathParameters).toEqual(pathParameters);
  });

  it.each([
    ['GET', '/policyxjson'],
    ['POST', '/policy'],
    ['GET', '/requests/r-1/verify'],
    ['POST', '/requests//verify'],
    ['GET', '//'],
  ])('finds no route for %s %s', (method, path) => {
    // Act
    const matched = matchRoute(routes, method, path);

    // Assess
    expect(matched).toBeUndefined();
  });
});
