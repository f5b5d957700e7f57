import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type Provider from "oidc-provider";
import type { FrontChannel } from "../management-api";
import { readRawBody } from "../management-api/request-body";
import type { LoginResult, LoginSimulator } from "../simulator/login";
import type { Connection, ResourceServer, TenantState } from "../tenant-state";
import { ApiAccessTokens } from "./api-access-tokens";
import {
  continuePath,
  createAuthorizationProvider,
  loginSideRoutes,
  postLoginPipelineReason,
  signInPath,
  withOfflineAccessMark,
} from "./authorization-provider";
import { DatabaseCredentials, findDatabaseIdentity } from "./database-credentials";
import { auth0LogoutPath, serveAuth0Logout } from "./logout";
import { isLocalOneTimeCode, renderMfaChallengePage, wrongCodeMessage } from "./mfa-challenge";
import { runPipelineForRefresh, type SignedIn } from "./refresh-pipeline";
import {
  databaseStrategy,
  identitiesOn,
  renderErrorPage,
  renderSignInPage,
  wrongCredentialsMessage,
} from "./sign-in-pages";

/**
 * The request again, with `fields` as a form body to read: its own body was read to route it.
 * oidc-provider would take an already-read body from `req.body`, but warns that it does.
 */
function replayedAsForm(request: IncomingMessage, fields: URLSearchParams): IncomingMessage {
  const body = Buffer.from(fields.toString());
  const { method, url, httpVersion, socket } = request;
  const headers = {
    ...request.headers,
    "content-type": "application/x-www-form-urlencoded",
    "content-length": String(body.length),
  };
  return Object.assign(Readable.from([body]), {
    method,
    url,
    httpVersion,
    headers,
    socket,
    connection: socket,
  }) as unknown as IncomingMessage;
}

export interface LoginSideOptions {
  state: TenantState;
  /** The post-login pipeline every sign-in ends with. */
  simulator: LoginSimulator;
  /** `localhost:PORT` */
  domain: string;
  /** More allowed callback URLs by client id, e.g. a test application's. */
  callbacks?: Record<string, string[]>;
  /** Database users' passwords by user id; others use `defaultLocalPassword`. */
  passwords?: Record<string, string>;
  /** The tenant's Allowed Logout URLs, for `/v2/logout` without `client_id`. */
  tenantLogoutUrls?: readonly string[];
  /** The APIs an `audience` may name. */
  resourceServers?: readonly ResourceServer[];
}

export interface LoginSide extends FrontChannel {
  provider: Provider;
  credentials: DatabaseCredentials;
}

// Grants whose token requests the authorization server answers; the Management API emulator
// keeps client_credentials, with Auth0's own error messages.
const authorizationServerGrants = new Set(["authorization_code", "refresh_token"]);
const providerPaths = [
  loginSideRoutes.authorization,
  loginSideRoutes.jwks,
  loginSideRoutes.userinfo,
  loginSideRoutes.end_session,
  "/.well-known/openid-configuration",
];

/**
 * The tenant's login side on the Management API's origin: `/authorize` and the other OpenID
 * endpoints (oidc-provider), the sign-in pages at `/login/{uid}`, and `/continue`, which resumes
 * a login an Action suspended with `api.redirect.sendUserTo`.
 */
export function createLoginSide(options: LoginSideOptions): LoginSide {
  const { state, simulator, domain } = options;
  // The identity each account last signed in with, for a login its session answers (SSO);
  // and the identity of each sign-in in progress, by interaction.
  const lastSignIn = new Map<string, SignedIn>();
  const signInByInteraction = new Map<string, SignedIn>();
  // When each account last really signed in (epoch seconds): a login its session answers keeps
  // that auth_time, as on Auth0, instead of claiming a fresh authentication.
  const lastAuthTime = new Map<string, number>();
  const answeredFromSession = new Set<string>();
  const provider = createAuthorizationProvider({
    state,
    domain,
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    apis: new ApiAccessTokens(options.resourceServers ?? [], state),
    async silentLogin(accountId, clientId) {
      const signedIn = lastSignIn.get(accountId);
      if (!signedIn) return false;
      const result = await simulator.login({
        ...signedIn,
        protocol: "oidc-basic-profile",
        prompt: ["none"],
        ...(clientId ? { clientId } : {}),
      });
      return result.sessionUserId === accountId;
    },
  });
  const serveProvider = provider.callback();
  const credentials = new DatabaseCredentials(options.passwords);
  // The interaction each suspended login finishes, by the state Auth0 gave the redirect.
  const interactionByState = new Map<string, string>();
  // Logins the pipeline finished that wait for the person's factor, by interaction.
  const awaitingFactor = new Map<string, LoginResult>();

  const serveMfaChallenge = async (
    request: IncomingMessage,
    response: ServerResponse,
    uid: string,
    result: LoginResult,
  ) => {
    if (request.method !== "POST") return sendHtml(response, 200, renderMfaChallengePage(uid));
    const form = new URLSearchParams((await readRawBody(request)).toString("utf8"));
    if (!isLocalOneTimeCode(form.get("otp") ?? undefined)) {
      return sendHtml(response, 400, renderMfaChallengePage(uid, wrongCodeMessage));
    }
    awaitingFactor.delete(uid);
    await finishLogin(response, uid, result, { mfaPerformed: true });
  };

  const serveSignIn = async (request: IncomingMessage, response: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) return sendError(response, 400, "invalid_request", "Unknown sign-in");
    const waiting = awaitingFactor.get(uid);
    if (waiting) return serveMfaChallenge(request, response, uid, waiting);
    const params = details.params as Record<string, string | undefined>;
    const client = state.getClient(params.client_id ?? "");
    const offered = offeredConnections(state, params.connection);
    if (offered.length === 0) {
      return sendError(response, 400, "invalid_request", "the connection is not enabled");
    }
    const page = (error?: string) =>
      renderSignInPage({
        uid,
        clientName: client?.name ?? "the application",
        connections: offered,
        knownIdentities: new Map(
          offered.map((connection) => [
            connection.name,
            identitiesOn(state.listUsers(), connection),
          ]),
        ),
        ...(params.login_hint ? { loginHint: params.login_hint } : {}),
        ...(error ? { error } : {}),
        ...notNow(params, domain),
      });

    const fromSession =
      details.session?.accountId !== undefined &&
      details.prompt.reasons.every((reason) => reason === postLoginPipelineReason)
        ? lastSignIn.get(details.session.accountId)
        : undefined;
    let signedIn = offered.some(({ name }) => name === fromSession?.connection)
      ? fromSession
      : undefined;
    if (signedIn) answeredFromSession.add(uid);
    if (!signedIn) {
      if (request.method !== "POST") return sendHtml(response, 200, page());
      const form = Object.fromEntries(
        new URLSearchParams((await readRawBody(request)).toString("utf8")),
      );
      const connection = offered.find((candidate) => candidate.name === form.connection);
      if (!connection) {
        return sendHtml(response, 400, page("Choose one of the connections offered."));
      }
      signedIn = authenticate(state, credentials, connection, form);
      if (!signedIn) return sendHtml(response, 400, page(wrongCredentialsMessage));
    }
    signInByInteraction.set(uid, signedIn);

    const result = await simulator.login({
      ...signedIn,
      protocol: "oidc-basic-profile",
      challengesMfa: true,
      ...(params.client_id ? { clientId: params.client_id } : {}),
      ...(params.prompt ? { prompt: params.prompt.split(" ") } : {}),
      request: { ...browserOf(request, domain), method: "GET", query: { ...params } },
    });
    await finishOrSuspend(response, uid, result);
  };

  const serveContinue = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const query = Object.fromEntries(url.searchParams);
    const body =
      request.method === "POST"
        ? Object.fromEntries(new URLSearchParams((await readRawBody(request)).toString("utf8")))
        : {};
    const stateParameter = query.state ?? (typeof body.state === "string" ? body.state : undefined);
    const uid = stateParameter === undefined ? undefined : interactionByState.get(stateParameter);
    if (stateParameter === undefined || uid === undefined) {
      return sendError(
        response,
        400,
        "invalid_request",
        "the state parameter is missing or unknown",
      );
    }
    interactionByState.delete(stateParameter);
    // Whichever browser presents the state resumes the login, cookies or not: Auth0 does not
    // document that it ties /continue to the browser that was redirected, so neither does this.
    const result = await simulator.continue(stateParameter, {
      method: request.method ?? "GET",
      query,
      body,
      ...browserOf(request, domain),
    });
    await finishOrSuspend(response, uid, result);
  };

  const finishOrSuspend = async (response: ServerResponse, uid: string, result: LoginResult) => {
    if (result.redirect) {
      interactionByState.set(result.redirect.state, uid);
      response.writeHead(302, { location: result.redirect.url, "content-length": "0" });
      response.end();
      return;
    }
    // The pipeline asked for MFA: the login counts once the person passed it.
    if (result.mfaRequired && result.sessionUserId !== undefined) {
      awaitingFactor.set(uid, result);
      return sendHtml(response, 200, renderMfaChallengePage(uid));
    }
    await finishLogin(response, uid, result, { mfaPerformed: false });
  };

  const finishLogin = async (
    response: ServerResponse,
    uid: string,
    result: LoginResult,
    { mfaPerformed }: { mfaPerformed: boolean },
  ) => {
    const signedIn = signInByInteraction.get(uid);
    signInByInteraction.delete(uid);
    const fromSession = answeredFromSession.delete(uid);
    const accountId = result.sessionUserId;
    if (signedIn && accountId !== undefined) lastSignIn.set(accountId, signedIn);
    if (accountId !== undefined && !(fromSession && lastAuthTime.has(accountId))) {
      lastAuthTime.set(accountId, Math.floor(Date.now() / 1000));
    }
    const interaction = await provider.Interaction.find(uid);
    if (!interaction) return sendError(response, 400, "invalid_request", "the login expired");
    interaction.result =
      accountId !== undefined
        ? {
            login: {
              accountId,
              ts: lastAuthTime.get(accountId),
              // Auth0's ID token says MFA was performed in this sign-in, and only then.
              ...(mfaPerformed ? { amr: ["mfa"] } : {}),
            },
          }
        : {
            error:
              result.errorCode === "interaction_required"
                ? "interaction_required"
                : "access_denied",
            // A deny's reason is the Action's message for the person; other failures are
            // named by code only, as their messages can carry identities.
            error_description: result.denied ?? `the login failed (${result.errorCode ?? "error"})`,
          };
    await interaction.persist();
    response.writeHead(303, { location: interaction.returnTo, "content-length": "0" });
    response.end();
  };

  const route = async (
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ taken: true } | { taken: false; body?: Buffer }> => {
    const url = new URL(request.url ?? "/", `https://${domain}`);
    const { pathname } = url;
    if (pathname === continuePath) {
      await serveContinue(request, response, url);
      return { taken: true };
    }
    if (pathname === auth0LogoutPath && request.method === "GET") {
      await serveAuth0Logout(
        { provider, state, domain, tenantLogoutUrls: options.tenantLogoutUrls ?? [] },
        request,
        response,
        url,
      );
      return { taken: true };
    }
    if (pathname.startsWith(`${signInPath}/`)) {
      await serveSignIn(request, response, pathname.slice(signInPath.length + 1));
      return { taken: true };
    }
    if (providerPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
      if (pathname === loginSideRoutes.authorization) request.url = withOfflineAccessMark(url);
      await serveProvider(request, response);
      return { taken: true };
    }
    // A single-page application's CORS preflight; oidc-provider answers it by Allowed Web Origins.
    if (request.method === "OPTIONS" && pathname === loginSideRoutes.token) {
      await serveProvider(request, response);
      return { taken: true };
    }
    if (request.method === "POST" && pathname === loginSideRoutes.token) {
      const body = await readRawBody(request);
      const fields = tokenRequestFields(body, request.headers["content-type"]);
      if (!authorizationServerGrants.has(fields.get("grant_type") ?? "")) {
        return { taken: false, body };
      }
      if (fields.get("grant_type") === "refresh_token") {
        const outcome = await runPipelineForRefresh(
          provider,
          state,
          simulator,
          lastSignIn,
          fields.get("refresh_token") ?? "",
        );
        if (!outcome.allowed) {
          sendJson(response, 403, {
            error: "access_denied",
            error_description: outcome.description,
          });
          return { taken: true };
        }
      }
      // oidc-provider takes the token request as a form only; Auth0 also takes JSON.
      await serveProvider(replayedAsForm(request, fields), response);
      return { taken: true };
    }
    return { taken: false };
  };

  return {
    provider,
    credentials,
    async take(request, response) {
      try {
        return await route(request, response);
      } catch (thrown) {
        if (!response.headersSent) {
          const description = thrown instanceof Error ? thrown.message : String(thrown);
          sendError(response, 400, "invalid_request", description);
        }
        return { taken: true };
      }
    },
  };
}

/** What Auth0 tells an Action of the browser behind a request (`event.request`). */
function browserOf(
  request: IncomingMessage,
  domain: string,
): { ip: string; hostname: string; user_agent?: string } {
  const userAgent = request.headers["user-agent"];
  return {
    ip: request.socket.remoteAddress ?? "127.0.0.1",
    hostname: request.headers.host ?? domain,
    ...(userAgent ? { user_agent: userAgent } : {}),
  };
}

/** A nested sign-in returns to this tenant's /continue: it may be left with "Not now". */
function notNow(
  params: Record<string, string | undefined>,
  domain: string,
): { notNowUrl?: string } {
  if (params.redirect_uri !== `https://${domain}${continuePath}` || !params.state) return {};
  const query = new URLSearchParams({
    state: params.state,
    error: "access_denied",
    error_description: "The person chose not to sign in now",
  });
  return { notNowUrl: `${continuePath}?${query}` };
}

/** The connections a request may sign in with: the one it names, or all of them. */
function offeredConnections(state: TenantState, named: string | undefined): Connection[] {
  if (named === undefined) return state.connections;
  const connection = state.getConnectionByName(named);
  return connection ? [connection] : [];
}

// A database connection checks the password; a stand-in for a provider takes the identity the
// page names, as the provider would have asserted it.
function authenticate(
  state: TenantState,
  credentials: DatabaseCredentials,
  connection: Connection,
  form: Record<string, string>,
): SignedIn | undefined {
  if (connection.strategy === databaseStrategy) {
    const identity = findDatabaseIdentity(state, connection, form.email ?? "");
    if (!identity) return undefined;
    if (
      !credentials.matches(`${databaseStrategy}|${identity.providerUserId}`, form.password ?? "")
    ) {
      return undefined;
    }
    return {
      connection: connection.name,
      providerUserId: identity.providerUserId,
      email: identity.email,
      emailVerified: identity.emailVerified,
    };
  }
  const providerUserId = form.user_id?.trim();
  if (!providerUserId) return undefined;
  const known = state.findUserByIdentity(connection.strategy, providerUserId, connection.name);
  if (known && form.email === undefined) {
    // One click on a known identity: the provider sends what it sent before.
    const identity = known.identities.find(
      (candidate) =>
        candidate.provider === connection.strategy && String(candidate.user_id) === providerUserId,
    );
    const profile = known.identities[0] === identity ? known : (identity?.profileData ?? {});
    return {
      connection: connection.name,
      providerUserId,
      ...(typeof profile.email === "string" ? { email: profile.email } : {}),
      emailVerified: profile.email_verified === true,
    };
  }
  return {
    connection: connection.name,
    providerUserId,
    ...(form.email ? { email: form.email } : {}),
    emailVerified: form.email_verified === "true",
  };
}

function tokenRequestFields(body: Buffer, contentType: string | undefined): URLSearchParams {
  const text = body.toString("utf8");
  if (!contentType?.startsWith("application/json")) return new URLSearchParams(text);
  try {
    const parsed: unknown = JSON.parse(text);
    const entries = Object.entries(typeof parsed === "object" && parsed !== null ? parsed : {});
    return new URLSearchParams(
      entries.filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return new URLSearchParams();
  }
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    "cache-control": "no-store",
  });
  response.end(html);
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  });
  response.end(text);
}

function sendError(
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
): void {
  sendHtml(response, status, renderErrorPage("Something went wrong", error, description));
}
