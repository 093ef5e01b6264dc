import type { AddressInfo } from 'node:net';
import { createLocalApi } from '../../local/api/server';
import { documentedSnippets, WEBSITE_DEMO_PATH, websiteDemo } from '../../local/api/website-demo';
import { LocalWebsiteOriginsError, localWebsiteOrigins } from '../../local/api/website-origins';
import type { LocalRoute } from '../../local/template/resources';
import { send } from '../support/http-submissions';

describe('Function: localWebsiteOrigins', () => {
  it('makes http://localhost:<the API’s port> the website by default', () => {
    // Assess
    expect(localWebsiteOrigins(undefined)('http://127.0.0.1:3000')).toEqual(['http://localhost:3000']);
    expect(localWebsiteOrigins(undefined)('')).toEqual([]);
  });

  it('takes WEBSITE_ORIGINS instead when npm start is given it, empty for none', () => {
    // Assess
    expect(
      localWebsiteOrigins('http://localhost:8080, https://www.sterkhelse.no')('http://127.0.0.1:3000'),
    ).toEqual(['http://localhost:8080', 'https://www.sterkhelse.no']);
    expect(localWebsiteOrigins('')('http://127.0.0.1:3000')).toEqual([]);
  });

  it('stops npm start on a value the functions would refuse', () => {
    // Assess
    expect(() => localWebsiteOrigins('http://192.168.1.10:8080')).toThrow(LocalWebsiteOriginsError);
    expect(() => localWebsiteOrigins('http://192.168.1.10:8080')).toThrow(
      /WEBSITE_ORIGINS: .* must be https/,
    );
  });
});

describe('Function: websiteDemo', () => {
  const addresses = { apiUrl: 'http://127.0.0.1:3000', origin: 'http://localhost:3000' };

  it('finds all six snippets of docs/website-integration.md, each with the API placeholder', () => {
    // Act
    const snippets = documentedSnippets();

    // Assess
    expect([...snippets.keys()].sort()).toEqual([
      'fetch-en',
      'fetch-nb',
      'form-en',
      'form-nb',
      'iframe-en',
      'iframe-nb',
    ]);
    for (const code of snippets.values()) expect(code).toContain('https://personvern.example.no');
  });

  it.each(['nb', 'en'])('serves the three ways in %s with both addresses filled in', (lang) => {
    // Act
    const page = websiteDemo(WEBSITE_DEMO_PATH, new URLSearchParams({ lang }), addresses);

    // Assess
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain(`<html lang="${lang}">`);
    expect(page?.body).not.toContain('example.no');
    expect(page?.body).toContain('action="http://127.0.0.1:3000/contact"');
    expect(page?.body).toContain(
      `value="http://localhost:3000${WEBSITE_DEMO_PATH}/${lang === 'nb' ? 'takk' : 'thanks'}"`,
    );
    expect(page?.body).toContain(`src="http://127.0.0.1:3000/forms/contact?lang=${lang}"`);
    expect(page?.body).not.toContain("API's own origin");
  });

  it('says so when opened on the API’s own origin, where it shows nothing about CORS', () => {
    // Act
    const page = websiteDemo(WEBSITE_DEMO_PATH, new URLSearchParams({ lang: 'en' }), {
      ...addresses,
      origin: 'http://127.0.0.1:3000',
    });

    // Assess
    expect(page?.body).toContain("This page is open on the API's own origin");
  });

  it('has thank-you pages, and nothing else', () => {
    // Assess
    expect(websiteDemo(`${WEBSITE_DEMO_PATH}/takk`, new URLSearchParams(), addresses)?.body).toContain(
      'Takk! Dette er nettstedets egen takkeside.',
    );
    expect(websiteDemo(`${WEBSITE_DEMO_PATH}/thanks`, new URLSearchParams(), addresses)?.statusCode).toBe(
      200,
    );
    expect(websiteDemo(`${WEBSITE_DEMO_PATH}/other`, new URLSearchParams(), addresses)).toBeUndefined();
  });
});

describe('The local API and the website', () => {
  const routes: LocalRoute[] = [
    { method: 'POST', resourcePath: '/contact', functionLogicalId: 'PostContact', auth: 'NONE' },
    { method: 'OPTIONS', resourcePath: '/contact', functionLogicalId: 'Preflight', auth: 'NONE' },
  ];
  const invoked: string[] = [];
  const runtime = {
    async invoke(target: string) {
      invoked.push(target);
      return { statusCode: 204, body: '' };
    },
  };
  let port = 0;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const server = createLocalApi({ routes, runtime });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(() => close());

  it('hands an OPTIONS request to the function of its OPTIONS method, as API Gateway does', async () => {
    // Act
    const response = await fetch(`http://127.0.0.1:${port}/contact`, { method: 'OPTIONS' });

    // Assess
    expect(response.status).toBe(204);
    expect(invoked).toEqual(['Preflight']);
  });

  it('serves the website stand-in at /local/website, on the localhost origin it was asked on', async () => {
    // Act
    const response = await send(`http://127.0.0.1:${port}`, WEBSITE_DEMO_PATH, {
      method: 'GET',
      headers: { host: `localhost:${port}` },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.text).toContain(`value="http://localhost:${port}${WEBSITE_DEMO_PATH}/takk"`);
  });
});
