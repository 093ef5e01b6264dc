/**
 * ID-porten on this machine (docs/id-porten.md section 3, "The local provider"): a certified OpenID
 * Provider (oidc-provider) set up the way ID-porten behaves towards a relying party, so the local stack runs
 * the real authorization-code flow: discovery, PKCE S256, `private_key_jwt` at /token, an RS256 ID token
 * with `pid`, `acr`, `amr` and `nonce`, pairwise `sub`, and `iss` in the authorization response (RFC 9207).
 * Only the test users of ./test-users.ts can sign in, on the one-field page of ./login-page.ts.
 *
 * The HTTP server starts before the provider exists, because the issuer (its address) must be known before
 * the API listens, and the provider's one client needs the API's address for its redirect URI.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, {
  type Adapter,
  type AdapterPayload,
  type Configuration,
  interactionPolicy,
} from 'oidc-provider';
import { closeServer, LOCALHOST, listen, PortInUseError } from '../emulators/ports';
import { handleInteraction, INTERACTION_PATH, renderProviderError } from './login-page';
import { testUserByPid } from './test-users';

/** `npm start`'s port for the local ID-porten; IDPORTEN_PORT moves it. */
export const DEFAULT_IDPORTEN_PORT = 8090;
const SERVICE = 'ID-porten (local)';

/** The relying party, as Digdir's self-service registers it. */
export interface LocalIdportenClient {
  readonly clientId: string;
  /** `<api>/eid/callback`; ID-porten redirects only to registered URIs. */
  readonly redirectUri: string;
  /** The public half of the key the client signs its `private_key_jwt` assertions with (RS256, with `kid`). */
  readonly publicJwk: JWK;
}

export interface LocalIdporten {
  /** `http://127.0.0.1:<port>`. */
  readonly issuer: string;
  /** Builds the provider for this client; until then every request is answered 503. Once only. */
  register(client: LocalIdportenClient): Promise<void>;
  /** Resolves once the port is free again. */
  close(): Promise<void>;
}

/** A client key pair as the relying party's secret holds it (`{"kid","privateJwk"}`) and Digdir holds its public half. */
export interface IdportenClientKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** A fresh RS256 key pair for the client: the local stand-in for the key an operator registers with Digdir. */
export async function generateClientKey(): Promise<IdportenClientKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
  };
}

/** Listens on 127.0.0.1 (port 0: any free port); the provider comes with `register`. */
export async function startLocalIdporten(options: { readonly port: number }): Promise<LocalIdporten> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handle !== undefined) return handle(req, res);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
    res.end('The local ID-porten is starting.');
  });
  let port: number;
  try {
    port = await listen(server, SERVICE, options.port);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    throw new PortInUseError(error.service, error.port, 'IDPORTEN_PORT', { cause: error.cause });
  }
  const issuer = `http://${LOCALHOST}:${port}`;
  return {
    issuer,
    async register(client) {
      if (handle !== undefined) throw new Error('The local ID-porten has its client already');
      const provider = await createIdportenProvider(issuer, client);
      const callback = provider.callback();
      handle = (req, res) => {
        if (!req.url?.startsWith(`${INTERACTION_PATH}/`)) return void callback(req, res);
        void handleInteraction(provider, req, res);
      };
    },
    close: () => closeServer(server),
  };
}

/** The provider itself, without a server: `issuer` is where it will be reached. */
export async function createIdportenProvider(issuer: string, client: LocalIdportenClient): Promise<Provider> {
  // Fresh at every start, like the staff sign-in's key (local/auth): nothing issued by an earlier run is valid.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = await exportJWK(privateKey);
  const signingKey = {
    ...signingJwk,
    kid: await calculateJwkThumbprint(signingJwk),
    alg: 'RS256',
    use: 'sig',
  };
  const pairwiseSalt = randomBytes(32);

  const policy = interactionPolicy.base();
  // ID-porten keeps a session, but here a test picks its user (and so its level) at every sign-in: a browser
  // that signed in as Kari must not come back as Kari when the next test signs in as Jonas.
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'every_sign_in',
        'each authorization request signs a test user in',
        (ctx) => ctx.oidc.result?.login === undefined,
      ),
    );

  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: client.clientId,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        jwks: { keys: [client.publicJwk] },
        subject_type: 'pairwise',
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    clientAuthMethods: ['private_key_jwt'],
    responseTypes: ['code'],
    scopes: ['openid'],
    pkce: { required: () => true }, // top-level in v9; S256 only
    acrValues: ['idporten-loa-substantial', 'idporten-loa-high'],
    claims: { openid: ['sub', 'pid', 'locale', 'amr', 'acr', 'auth_time'] },
    conformIdTokenClaims: false, // pid in the ID token, as ID-porten puts it there
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: (_ctx, accountId, { sectorIdentifier }) =>
      createHmac('sha256', pairwiseSalt).update(`${sectorIdentifier}\0${accountId}`).digest('base64url'),
    features: { devInteractions: { enabled: false } },
    interactions: { policy, url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 120,
      AccessToken: 120,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    // The token endpoint is called by functions, not by pages: no browser origin needs CORS.
    clientBasedCORS: () => false,
    renderError: (ctx, out) => renderProviderError(ctx, out),
    findAccount: (_ctx, pid) => {
      const user = testUserByPid(pid);
      if (user === undefined) return undefined;
      // ID-porten says the language of its pages; the relying party does not use it.
      return { accountId: user.pid, claims: () => ({ sub: user.pid, pid: user.pid, locale: 'nb' }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  // Koa would print a stack for these; the message says what went wrong without a request's contents.
  provider.on('server_error', (_ctx, error: Error) =>
    console.error(`${SERVICE}: server error ${error.name}: ${error.message}`),
  );
  return provider;
}

type Entries = Map<string, { payload: AdapterPayload; expiresAt: number }>;

/**
 * An in-memory store, one per provider. oidc-provider's own would do, but it warns "development only" at
 * every `npm start`, and this one is only for development. Entries end at their expiry; a grant's
 * revocation (a reused code) reaches every token issued under it.
 */
function memoryAdapter(): (model: string) => Adapter {
  const entries: Entries = new Map();
  return (model) => new MemoryAdapter(model, entries);
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly entries: Entries,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.entries.set(this.key(id), {
      payload,
      expiresAt: expiresIn === undefined ? Number.POSITIVE_INFINITY : now + expiresIn * 1000,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = this.entries.get(this.key(id));
    return entry === undefined || entry.expiresAt <= Date.now() ? undefined : entry.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere((payload) => payload.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const entry = this.entries.get(this.key(id));
    if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, { payload }] of this.entries) {
      if (payload.grantId === grantId) this.entries.delete(key);
    }
  }

  private findWhere(matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const now = Date.now();
    const prefix = `${this.model}:`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix) && entry.expiresAt > now && matches(entry.payload)) return entry.payload;
    }
    return undefined;
  }
}
