// Baseline for `npm run bench` only: not something to use, and not something to fix.
//
// A port of Auth0's withdrawn rule template "Link Accounts with Same Email Address"
// (auth0/rules, src/rules/link-users-by-email.js) to a post-login Action, kept as close to the
// template as an Action allows, because it is what people still write by hand:
// - the rule received `auth0.accessToken` for free; an Action has no such token, so every login
//   asks /oauth/token for a new client-credentials token (no cache, as a hand-written port does);
// - `request` is replaced by the `auth0` SDK's UsersClient with its default options (two retries
//   on 429 and 5xx, waiting as the rate-limit headers say);
// - secrets have the names the project's Action uses: AUTH0_DOMAIN, AUTH0_CLIENT_ID,
//   AUTH0_CLIENT_SECRET.
// Behaviour, as in the template, on every login including refresh-token exchanges:
// - skips only when the current user has no email or it is not verified (no trust in the
//   connection: an enterprise or SAML login that says "verified" is believed);
// - looks the address up with users-by-email exactly as given (case-sensitive: a capitalised
//   address finds nothing);
// - drops the current user and the unverified matches; more than one match left fails the login;
// - links the current user, as a secondary, into the one match, then makes that match the
//   session's user (`context.primaryUser` in the rule, `setPrimaryUser` here);
// - any error (lookup, link, token) fails the login; metadata of the current user is lost.
const { UsersClient } = require("auth0/users");

async function requestToken(secrets) {
  const response = await fetch(`https://${secrets.AUTH0_DOMAIN}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: secrets.AUTH0_CLIENT_ID,
      client_secret: secrets.AUTH0_CLIENT_SECRET,
      audience: `https://${secrets.AUTH0_DOMAIN}/api/v2/`,
    }),
  });
  if (!response.ok) throw new Error(`Token request failed: ${response.status}`);
  const body = await response.json();
  return body.access_token;
}

exports.onExecutePostLogin = async (event, api) => {
  const user = event.user;
  if (!user.email || !user.email_verified) return;

  const token = await requestToken(event.secrets);
  const users = new UsersClient({
    baseUrl: `https://${event.secrets.AUTH0_DOMAIN}/api/v2`,
    token,
  });

  const found = await users.listUsersByEmail({ email: user.email });
  const matches = found.filter((u) => u.email_verified && u.user_id !== user.user_id);
  if (matches.length > 1) {
    throw new Error(
      "[!] Rule: Multiple user profiles already exist - cannot select base profile to link with",
    );
  }
  if (matches.length === 0) {
    console.log("[-] Skipping link rule");
    return;
  }

  const originalUser = matches[0];
  await users.identities.link(originalUser.user_id, {
    provider: user.identities[0].provider,
    user_id: String(user.identities[0].user_id),
  });
  api.authentication.setPrimaryUser(originalUser.user_id);
};
