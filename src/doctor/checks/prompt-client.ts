import { type DoctorContext, describeAnswer, listIn } from "../context";
import { type CheckRow, fail, pass, warn } from "../report";

const check = "prompt client";

/** Where the tenant sends the person back after the nested sign-in: each of its domains. */
async function tenantDomains(
  context: DoctorContext,
): Promise<{ domains: string[]; row?: CheckRow }> {
  const own = context.settings.config.domain;
  const answer = await context.get("/api/v2/custom-domains", "admin");
  if (answer.answered && answer.status === 200) {
    const custom = (listIn(answer.body, "custom_domains") ?? []).flatMap((entry) => {
      const domain = (entry as { domain?: unknown }).domain;
      return typeof domain === "string" ? [domain] : [];
    });
    return { domains: [own, ...custom] };
  }
  return {
    domains: [own],
    row: warn(
      "custom domains",
      `could not list them (${describeAnswer(answer)}): callbacks checked on ${own} only`,
      "grant read:custom_domains to the administrator's application",
    ),
  };
}

/**
 * With prompted linking on: the prompt client exists, returns to /continue on every domain of the
 * tenant, may use the authorization code grant with the secret in the body (the continuation
 * sends it so), and is enabled on connections a person can sign in with.
 */
export async function checkPromptClient(context: DoctorContext): Promise<CheckRow[]> {
  const { prompt } = context.settings.config;
  if (!prompt.enabled || !context.tokens.admin) return [];
  const answer = await context.get(
    `/api/v2/clients/${encodeURIComponent(prompt.clientId)}`,
    "admin",
  );
  if (!answer.answered || (answer.status !== 200 && answer.status !== 404)) {
    return [
      warn(
        check,
        `could not read it (${describeAnswer(answer)})`,
        "grant read:clients to the administrator's application",
      ),
    ];
  }
  if (answer.status === 404) {
    return [
      fail(
        check,
        "PROMPT_CLIENT_ID names no application of this tenant",
        "create a Regular Web Application for the prompt (docs/prompted-linking.md) and set PROMPT_CLIENT_ID and PROMPT_CLIENT_SECRET to its credentials",
      ),
    ];
  }
  const client = answer.body as {
    callbacks?: unknown;
    grant_types?: unknown;
    token_endpoint_auth_method?: unknown;
  };
  const rows: CheckRow[] = [pass(check, "exists")];
  const { domains, row } = await tenantDomains(context);
  if (row) rows.push(row);
  const callbacks = Array.isArray(client.callbacks) ? client.callbacks.map(String) : [];
  const missing = domains
    .map((domain) => `https://${domain}/continue`)
    .filter((url) => !callbacks.includes(url));
  rows.push(
    missing.length === 0
      ? pass("prompt client callbacks", `include /continue on ${domains.join(", ")}`)
      : fail(
          "prompt client callbacks",
          `missing ${missing.join(", ")}`,
          "add them to the prompt application's Allowed Callback URLs",
        ),
  );
  const grants = Array.isArray(client.grant_types) ? client.grant_types.map(String) : [];
  rows.push(
    grants.includes("authorization_code")
      ? pass("prompt client grant types", "authorization_code allowed")
      : fail(
          "prompt client grant types",
          "authorization_code is not allowed",
          "Advanced Settings → Grant Types: tick Authorization Code",
        ),
  );
  rows.push(
    client.token_endpoint_auth_method === "client_secret_post"
      ? pass("prompt client authentication", "client_secret_post")
      : fail(
          "prompt client authentication",
          `${String(client.token_endpoint_auth_method)}: the continuation sends the secret in the body`,
          "Credentials → Authentication Method: Client Secret (Post)",
        ),
  );
  rows.push(await enabledConnections(context, prompt.clientId));
  return rows;
}

async function enabledConnections(context: DoctorContext, clientId: string): Promise<CheckRow> {
  const row = "prompt client connections";
  const answer = await context.get(
    `/api/v2/clients/${encodeURIComponent(clientId)}/connections?take=100`,
    "admin",
  );
  const connections =
    answer.answered && answer.status === 200 ? listIn(answer.body, "connections") : undefined;
  if (!connections) {
    return warn(
      row,
      `could not read them (${describeAnswer(answer)})`,
      "grant read:connections and read:clients to the administrator's application",
    );
  }
  const names = connections.map((connection) => String((connection as { name?: unknown }).name));
  return names.length > 0
    ? pass(row, `enabled on ${names.join(", ")}`)
    : fail(
        row,
        "enabled on no connection: nobody can sign in to the other account",
        "enable the prompt application on every connection whose accounts may be offered (its Connections tab)",
      );
}
