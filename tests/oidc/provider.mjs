// A real OpenID provider for the single sign-on tests: the npm oidc-provider package, on a
// loopback port, with its development login pages (any password is accepted; the login
// names the account). Its issuer is http://localhost:PORT while trellis runs at
// http://127.0.0.1:PORT, so the browser crosses sites as it would between Microsoft and a
// school's trellis.

import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

// `accounts`: email → { email_verified }. An account not listed has a verified email.
export async function startProvider({ port, clientId, clientSecret, redirectUri, accounts = {} }) {
  const issuer = `http://localhost:${port}`;
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signing, kid: 'test-rsa-1', use: 'sig', alg: 'RS256' }] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The scopes' claims in the ID token itself, as Google and Microsoft put them (trellis
    // reads the ID token only, not the userinfo endpoint).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['trellis-oidc-test-only'] },
    async findAccount(ctx, id) {
      const listed = accounts[id.toLowerCase()] ?? {};
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: listed.email_verified ?? true, name: id };
        },
      };
    },
    // Consent is taken as given, as a school's tenant administrator grants it for everyone.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  // "localhost" may resolve to either loopback address: listen on both.
  const servers = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = http.createServer(provider.callback());
    const listening = await new Promise((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, host, () => resolve(true));
    });
    if (listening) servers.push(server);
  }
  if (!servers.length) throw new Error(`the OpenID provider cannot listen on port ${port}`);
  const stop = () =>
    Promise.all(
      servers.map((s) => {
        s.closeAllConnections();
        return new Promise((resolve) => s.close(resolve));
      }),
    );
  return { issuer, stop };
}
