import { continueUri } from "../sign-in-redirect";
import { pkceVerifier } from "../transaction-binding";
import { fetchWithinBudget } from "./authentication-request";
import { type ContinuationCheck, declined, passed } from "./continuation";

const OAUTH_ERROR = /^[a-z_]{1,64}$/;

async function oauthError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    // Only the error code is kept: a description may echo what the request carried.
    return typeof body.error === "string" && OAUTH_ERROR.test(body.error)
      ? body.error
      : `status_${response.status}`;
  } catch {
    return `status_${response.status}`;
  }
}

// The code is exchanged with the client secret and the PKCE verifier derived for this
// transaction: a code issued to someone else's request, or replayed, is refused by the tenant.
// The exchange goes to the configured AUTH0_DOMAIN, never to a host the request named.
export const exchangeCode: ContinuationCheck = async (context, state) => {
  const { config, prompt, fields, budget } = context;
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: prompt.clientId,
    client_secret: prompt.clientSecret,
    code: state.code ?? "",
    redirect_uri: continueUri(context.browserDomain),
    code_verifier: pkceVerifier(prompt.clientSecret, fields),
  });
  const sent = await fetchWithinBudget(
    `https://${config.domain}/oauth/token`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    },
    budget,
  );
  if (!sent.ok && !sent.sent) return declined("budget_exhausted");
  state.requests++;
  if (!sent.ok) {
    return sent.kind === "budget_exhausted"
      ? declined("budget_exhausted")
      : declined("code_exchange_failed", sent.kind);
  }
  if (!sent.response.ok) return declined("code_exchange_failed", await oauthError(sent.response));
  let tokens: unknown;
  try {
    tokens = await sent.response.json();
  } catch {
    return declined("code_exchange_failed", "malformed_response");
  }
  const idToken = (tokens as { id_token?: unknown } | null)?.id_token;
  if (typeof idToken !== "string" || idToken === "") {
    return declined("code_exchange_failed", "no_id_token");
  }
  state.idToken = idToken;
  return passed;
};
