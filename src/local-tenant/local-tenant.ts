import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { withActionKeywordDefaults } from "../action-settings";
import { projectRoot, tenantYamlPath } from "../project-root";
import { createCertificateAuthority } from "./certificates";
import type { LoginSide, LoginSideOptions } from "./login-side/login-side";
import {
  type ManagementApiOptions,
  type ManagementApiServer,
  startManagementApi,
} from "./management-api";
import { type ActionInstance, createActionInstance } from "./runtime/action-instance";
import { createDeployedActionInstance } from "./runtime/deployed-action-instance";
import { readActionFromTenantYaml, type TenantAction } from "./runtime/tenant-action";
import {
  type ContinueRequest,
  createLoginSimulator,
  type LoginInput,
  type LoginResult,
  type LoginSimulator,
} from "./simulator/login";
import { type TenantSeed, TenantState } from "./tenant-state";
import { trustCertificateAuthority } from "./trust";

export const demoSeedPath = resolve(projectRoot, "src/local-tenant/seeds/demo-tenant.json");
/** The seed's machine-to-machine application that the Action uses. */
export const linkingClientName = "linking-action";
/** The seed's Regular Web Application for prompted linking (callback `https://{domain}/continue`). */
export const promptClientName = "account-linking-prompt";
/** The seed's application that people sign in to (the browser tests' test application). */
export const appClientName = "Local app";

export interface LocalTenantOptions {
  /** Defaults to the demo tenant's connections and clients, without its users. */
  seed?: TenantSeed;
  /** The keywords of tenant.yaml to set, e.g. `{ LINKING_MODE: "dry-run" }`. */
  settings?: Record<string, string>;
  tenantYamlPath?: string;
  rateLimit?: ManagementApiOptions["rateLimit"];
  tokenRateLimit?: ManagementApiOptions["tokenRateLimit"];
  /** The Action's execution limit; Auth0's 20 s by default. */
  actionTimeoutMs?: number;
  /**
   * What logins run: `tenant-yaml` (default), the Action as tenant.yaml would deploy it;
   * `deployed`, what was deployed to this tenant and bound to post-login (`deployToLocalTenant`).
   */
  source?: "tenant-yaml" | "deployed";
  /**
   * Serve the login side too (`/authorize`, the sign-in pages, `/oauth/token` for codes,
   * discovery, JWKS, `/continue`), on the same origin; off by default, as most tests log in
   * through the simulator alone.
   */
  loginSide?: boolean | Pick<LoginSideOptions, "callbacks" | "passwords">;
  /** The port to listen on; a free one when absent or 0. */
  port?: number;
  /** Which scopes an operation accepts (see `ScopeAnswers`); the specification's `security` by default. */
  scopeAnswers?: ManagementApiOptions["scopeAnswers"];
}

/** The Management API emulator, the Actions runtime and the login simulator, wired together. */
export interface LocalTenant {
  api: ManagementApiServer;
  state: TenantState;
  action: ActionInstance;
  deployed: TenantAction;
  /** Set when started with `loginSide`. */
  loginSide?: LoginSide;
  login(input: LoginInput): Promise<LoginResult>;
  /** Resumes a login whose Action redirected, as `/continue?state=...` does. */
  continueLogin(state: string | undefined, request?: ContinueRequest): Promise<LoginResult>;
  close(): Promise<void>;
}

export async function loadDemoSeed(options: { withUsers: boolean }): Promise<TenantSeed> {
  const seed = JSON.parse(await readFile(demoSeedPath, "utf8")) as TenantSeed;
  return options.withUsers ? seed : { ...seed, users: [] };
}

/** The keyword values that point the Action at this local tenant with the seed's client. */
export function localActionKeywords(
  api: ManagementApiServer,
  seed: TenantSeed,
): Record<string, string> {
  const client = seed.clients.find((c) => c.name === linkingClientName);
  if (!client) throw new Error(`the seed has no "${linkingClientName}" client for the Action`);
  return {
    LINKING_AUTH0_DOMAIN: api.domain,
    LINKING_CLIENT_ID: client.client_id,
    LINKING_CLIENT_SECRET: client.client_secret,
  };
}

/** The Management API emulator over `state`, behind a new CA this process trusts; limits off by default. */
export async function startTrustedManagementApi(
  state: TenantState,
  limits: Pick<LocalTenantOptions, "rateLimit" | "tokenRateLimit" | "port" | "scopeAnswers">,
): Promise<ManagementApiServer> {
  const ca = await createCertificateAuthority();
  trustCertificateAuthority(ca.caPem);
  return startManagementApi({
    state,
    ca,
    rateLimit: limits.rateLimit ?? false,
    tokenRateLimit: limits.tokenRateLimit ?? false,
    ...(limits.port === undefined ? {} : { port: limits.port }),
    ...(limits.scopeAnswers === undefined ? {} : { scopeAnswers: limits.scopeAnswers }),
  });
}

export async function startLocalTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const seed = options.seed ?? (await loadDemoSeed({ withUsers: false }));
  const state = TenantState.fromSeed(seed);
  const api = await startTrustedManagementApi(state, options);
  const env = withActionKeywordDefaults({
    ...localActionKeywords(api, seed),
    ...options.settings,
  });
  const deployed = readActionFromTenantYaml(options.tenantYamlPath ?? tenantYamlPath, env);
  const timeout = options.actionTimeoutMs ? { timeoutMs: options.actionTimeoutMs } : {};
  const action =
    options.source === "deployed"
      ? createDeployedActionInstance({ state, ...timeout })
      : createActionInstance({
          code: deployed.code,
          filename: deployed.filename,
          dependencies: deployed.dependencies,
          secrets: deployed.secrets,
          ...timeout,
        });
  const simulator = createLoginSimulator({ state, action, requestLog: api.requestLog });
  const loginSide = options.loginSide
    ? await mountLoginSide(api, state, simulator, {
        ...(options.loginSide === true ? {} : options.loginSide),
        ...(seed.allowed_logout_urls ? { tenantLogoutUrls: seed.allowed_logout_urls } : {}),
        ...(seed.resource_servers ? { resourceServers: seed.resource_servers } : {}),
      })
    : undefined;
  return {
    api,
    state,
    action,
    deployed,
    ...(loginSide ? { loginSide } : {}),
    login: (input) => simulator.login(input),
    continueLogin: (state, request) => simulator.continue(state, request),
    close: () => api.close(),
  };
}

// Imported on demand: oidc-provider and Koa cost a tenant that only simulates logins nothing.
async function mountLoginSide(
  api: ManagementApiServer,
  state: TenantState,
  simulator: LoginSimulator,
  options: Pick<
    LoginSideOptions,
    "callbacks" | "passwords" | "tenantLogoutUrls" | "resourceServers"
  >,
): Promise<LoginSide> {
  const { createLoginSide } = await import("./login-side/login-side");
  const loginSide = createLoginSide({ state, simulator, domain: api.domain, ...options });
  api.mount(loginSide);
  return loginSide;
}
