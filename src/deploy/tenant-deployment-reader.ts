import type { DeploySettings } from "./deploy-settings";

/** The tenant's Actions and, for the triggers asked about, the Actions bound, by name. */
export interface TenantDeployment {
  actionNames: string[];
  bindings: Record<string, string[]>;
}

export type TenantReadErrorCode = "token_request_failed" | "management_api_failed" | "unreachable";

export interface TenantReadError {
  code: TenantReadErrorCode;
  message: string;
}

export type TenantReadResult =
  | { ok: true; deployment: TenantDeployment }
  | { ok: false; error: TenantReadError };

const perPage = 100;

class TenantReadFailure extends Error {
  constructor(readonly error: TenantReadError) {
    super(error.message);
  }
}

/**
 * Reads, with the deploying application's credentials, what a deploy would change: the names of
 * the tenant's Actions and the bindings of the given triggers (needs `read:actions`).
 */
export async function readTenantDeployment(
  settings: DeploySettings,
  triggerIds: readonly string[],
): Promise<TenantReadResult> {
  const origin = `https://${settings.domain}`;
  try {
    const token = await requestToken(origin, settings);
    const get = (path: string) => getJson(`${origin}${path}`, token);
    const actions = await listAllPages(get, "/api/v2/actions/actions", "actions");
    const bindings: Record<string, string[]> = {};
    for (const triggerId of triggerIds) {
      const path = `/api/v2/actions/triggers/${encodeURIComponent(triggerId)}/bindings`;
      const list = await listAllPages(get, path, "bindings");
      bindings[triggerId] = list.map(bindingActionName);
    }
    return {
      ok: true,
      deployment: { actionNames: actions.map((action) => String(action.name)), bindings },
    };
  } catch (thrown) {
    if (thrown instanceof TenantReadFailure) return { ok: false, error: thrown.error };
    return {
      ok: false,
      error: { code: "unreachable", message: `could not reach ${origin}: ${causeOf(thrown)}` },
    };
  }
}

async function requestToken(origin: string, settings: DeploySettings): Promise<string> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      audience: `${origin}/api/v2/`,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== "string") {
    throw new TenantReadFailure({
      code: "token_request_failed",
      message:
        `the token request for AUTH0_CLIENT_ID failed: ${response.status} ${String(body.error ?? "")} ${String(body.error_description ?? "")}`.trim(),
    });
  }
  return body.access_token;
}

async function getJson(url: string, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new TenantReadFailure({
      code: "management_api_failed",
      message:
        `GET ${new URL(url).pathname} failed: ${response.status} ${String(body.message ?? "")}`.trim(),
    });
  }
  return body;
}

async function listAllPages(
  get: (path: string) => Promise<Record<string, unknown>>,
  path: string,
  key: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let page = 0; ; page += 1) {
    const body = await get(`${path}?page=${page}&per_page=${perPage}`);
    const pageItems = Array.isArray(body[key]) ? (body[key] as Record<string, unknown>[]) : [];
    items.push(...pageItems);
    const total = typeof body.total === "number" ? body.total : items.length;
    if (pageItems.length < perPage || items.length >= total) return items;
  }
}

function bindingActionName(binding: Record<string, unknown>): string {
  const action = binding.action as { name?: unknown } | undefined;
  return String(action?.name ?? binding.display_name);
}

function causeOf(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const cause = thrown.cause instanceof Error ? `: ${thrown.cause.message}` : "";
  return `${thrown.message}${cause}`;
}
