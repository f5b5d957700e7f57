import type { TenantSeed } from "./tenant-seed";

const grantTypes = new Set([
  "authorization_code",
  "implicit",
  "refresh_token",
  "client_credentials",
]);
const authMethods = new Set(["none", "client_secret_post", "client_secret_basic"]);
const rotationTypes = new Set(["rotating", "non-rotating"]);
const tokenDialects = new Set(["access_token", "access_token_authz"]);

/**
 * What is wrong with the seed's application settings and APIs, each named, so that a typo stops
 * the tenant at start rather than at an application's first request.
 */
export function applicationSeedProblems(seed: TenantSeed): string[] {
  const problems: string[] = [];
  for (const client of seed.clients) {
    const name = `client ${client.name}`;
    for (const grant of client.grant_types ?? []) {
      if (!grantTypes.has(grant)) problems.push(`${name}: unknown grant type ${grant}`);
    }
    const method = client.token_endpoint_auth_method;
    if (method !== undefined && !authMethods.has(method)) {
      problems.push(`${name}: unknown token_endpoint_auth_method ${method}`);
    }
    const rotation = client.refresh_token?.rotation_type;
    if (client.refresh_token !== undefined && !rotationTypes.has(String(rotation))) {
      problems.push(`${name}: refresh_token.rotation_type must be rotating or non-rotating`);
    }
    for (const origin of client.web_origins ?? []) {
      const parsed = URL.parse(origin.replaceAll("{domain}", "localhost"));
      if (!parsed || parsed.origin !== origin.replaceAll("{domain}", "localhost")) {
        problems.push(`${name}: web origin ${origin} is not scheme://host[:port]`);
      }
    }
  }
  const identifiers = new Set<string>();
  for (const api of seed.resource_servers ?? []) {
    if (!URL.canParse(api.identifier ?? "")) {
      problems.push(`resource server ${api.identifier}: identifier must be an absolute URL`);
    }
    if (identifiers.has(api.identifier)) {
      problems.push(`resource server ${api.identifier}: duplicate identifier`);
    }
    identifiers.add(api.identifier);
    if (api.token_dialect !== undefined && !tokenDialects.has(api.token_dialect)) {
      problems.push(
        `resource server ${api.identifier}: unknown token_dialect ${api.token_dialect}`,
      );
    }
  }
  return problems;
}
