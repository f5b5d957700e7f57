import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkingClientName } from "../../../src/local-tenant/local-tenant";
import type { ManagementApiServer } from "../../../src/local-tenant/management-api";
import { writeCertificateAuthorityFile } from "../../../src/local-tenant/trust";
import { runProjectScript, type ScriptRun } from "../../support/project-script";

/** The environment of an administrator pointing the undo tools at a local tenant. */
export async function undoEnvironment(
  server: ManagementApiServer,
  extra: Record<string, string | undefined> = {},
): Promise<Record<string, string | undefined>> {
  const caFile = await writeCertificateAuthorityFile(
    server.caPem,
    await mkdtemp(join(tmpdir(), "undo-ca-")),
  );
  const client = server.state.clients.find(({ name }) => name === linkingClientName);
  if (!client) throw new Error(`the tenant has no ${linkingClientName} client`);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: caFile,
    AUTH0_DOMAIN: server.domain,
    AUTH0_CLIENT_ID: client.client_id,
    AUTH0_CLIENT_SECRET: client.client_secret,
    ...extra,
  };
}

/**
 * Runs `npm run unlink` or `npm run links` as its own process, as an administrator would, not on
 * a terminal: an --apply is confirmed with --yes, as a pipeline confirms it.
 */
export function runCli(
  script: "unlink" | "links",
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ScriptRun> {
  return runProjectScript(script, args.includes("--apply") ? [...args, "--yes"] : args, env);
}

/** Requests that changed something in the tenant since `mark`. */
export function writesSince(server: ManagementApiServer, mark: number): string[] {
  return server.requestLog
    .since(mark)
    .filter(({ method, endpointKey }) => method !== "GET" && endpointKey !== "token")
    .map(({ method, endpointKey }) => `${method} ${endpointKey}`);
}
