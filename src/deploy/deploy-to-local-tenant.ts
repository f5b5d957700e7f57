import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { optionalActionKeywordDefaults, requiredActionKeywords } from "../action-settings";
import { type LocalTenant, localActionKeywords } from "../local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../local-tenant/trust";
import { type DeployOptions, type DeployOutcome, runDeploy } from "./deploy";

/** The seed's application with the actions scopes, standing in for the pipeline's. */
export const localDeployClientName = "deploy-cli";

export type LocalDeployOptions = Partial<
  Pick<DeployOptions, "preview" | "allowUnbinding" | "log" | "output" | "tenantYamlPath">
> & {
  /** Keyword values for the Action, e.g. `{ LINKING_MODE: "dry-run" }`. */
  settings?: Record<string, string>;
};

/**
 * The environment `npm run deploy` needs to deploy into a local tenant: its domain, the seed's
 * deploying application, the Action pointed at the tenant, and its CA for `NODE_EXTRA_CA_CERTS`.
 * The Action's keywords set in this process's environment are left out: a local deploy does not
 * depend on the shell it runs in.
 */
export function localDeployEnvironment(
  tenant: LocalTenant,
  caFile: string,
  settings: Record<string, string> = {},
): Record<string, string | undefined> {
  const clients = tenant.state.clients;
  const deployClient = clients.find(({ name }) => name === localDeployClientName);
  if (!deployClient) {
    throw new Error(`the local tenant has no "${localDeployClientName}" client to deploy with`);
  }
  const actionKeywords = new Set<string>([
    ...requiredActionKeywords,
    ...Object.keys(optionalActionKeywordDefaults),
  ]);
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !actionKeywords.has(name)),
    ),
    ...localActionKeywords(tenant.api, { clients, connections: [], users: [] }),
    // The local tenant exists to show linking: its deploys link unless told otherwise.
    LINKING_MODE: "link",
    ...settings,
    AUTH0_DOMAIN: tenant.api.domain,
    AUTH0_CLIENT_ID: deployClient.client_id,
    AUTH0_CLIENT_SECRET: deployClient.client_secret,
    NODE_EXTRA_CA_CERTS: caFile,
  };
}

/**
 * Deploys into a running local tenant exactly as `npm run deploy` deploys into a real one:
 * the same checks, then `a0deploy import` as a child process.
 */
export async function deployToLocalTenant(
  tenant: LocalTenant,
  options: LocalDeployOptions = {},
): Promise<DeployOutcome> {
  const caDir = await mkdtemp(join(tmpdir(), "local-tenant-ca-"));
  try {
    const caFile = await writeCertificateAuthorityFile(tenant.api.caPem, caDir);
    return await runDeploy({
      env: localDeployEnvironment(tenant, caFile, options.settings),
      log: options.log ?? (() => undefined),
      output: options.output ?? (() => undefined),
      ...(options.tenantYamlPath ? { tenantYamlPath: options.tenantYamlPath } : {}),
      ...(options.preview ? { preview: true } : {}),
      ...(options.allowUnbinding ? { allowUnbinding: true } : {}),
    });
  } finally {
    await rm(caDir, { recursive: true, force: true });
  }
}
