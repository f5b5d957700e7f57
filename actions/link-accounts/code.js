// Built by `npm run build` from src/action. Do not edit: changes are overwritten.
"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/action/index.ts
var index_exports = {};
__export(index_exports, {
  onExecutePostLogin: () => onExecutePostLogin
});
module.exports = __toCommonJS(index_exports);

// src/action/management/management-port.ts
var import_users = require("auth0/users");

// src/action/management/failure.ts
var millisecondsPerSecond = 1e3;
function retryAtFromHeaders(headers, now) {
  if (!headers) return void 0;
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0)
    return now + retryAfter * millisecondsPerSecond;
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(now, reset * millisecondsPerSecond);
  return void 0;
}
function bodyMessage(body) {
  if (body && typeof body === "object" && "message" in body) {
    const message = body.message;
    if (typeof message === "string") return message;
  }
  return void 0;
}
function classifyFailure(error, now) {
  const shape = error ?? {};
  const status = typeof shape.statusCode === "number" ? shape.statusCode : void 0;
  const message = bodyMessage(shape.body) ?? (typeof shape.message === "string" ? shape.message : "unknown error");
  if (shape.name === "ManagementTimeoutError" || shape.name === "TimeoutError") {
    return { kind: "timeout", message };
  }
  if (status === void 0) return { kind: "network", message };
  if (status === 429) {
    return {
      kind: "rate_limited",
      status,
      message,
      retryAt: retryAtFromHeaders(shape.rawResponse?.headers, now)
    };
  }
  if (status >= 500) return { kind: "server_error", status, message };
  return { kind: "client_error", status, message };
}

// src/action/management/retry-policy.ts
var defaultRetryPolicy = {
  maxAttempts: 3,
  minRequestMs: 250,
  maxRequestMs: 3e3,
  transientBackoffMs: 100,
  defaultRateLimitWaitMs: 1e3
};
var outOfBudget = { kind: "budget_exhausted", message: "time budget exhausted" };
function waitBeforeRetry(failure, env) {
  switch (failure.kind) {
    case "rate_limited":
      return Math.max(
        0,
        (failure.retryAt ?? env.now() + env.policy.defaultRateLimitWaitMs) - env.now()
      );
    case "server_error":
    case "network":
      return env.policy.transientBackoffMs;
    default:
      return void 0;
  }
}
async function callWithRetries(request, env) {
  let lastFailure = outOfBudget;
  for (let attempt = 1; attempt <= env.policy.maxAttempts; attempt++) {
    if (!env.budget.allows(env.policy.minRequestMs)) return { ok: false, failure: lastFailure };
    env.onAttempt();
    try {
      const timeoutMs = Math.min(env.budget.remainingMs(), env.policy.maxRequestMs);
      return { ok: true, value: await request(timeoutMs) };
    } catch (error) {
      lastFailure = classifyFailure(error, env.now());
    }
    const waitMs = waitBeforeRetry(lastFailure, env);
    if (waitMs === void 0 || attempt === env.policy.maxAttempts) break;
    if (!env.budget.allows(waitMs + env.policy.minRequestMs)) break;
    await env.sleep(waitMs);
  }
  return { ok: false, failure: lastFailure };
}

// src/action/management/token.ts
var expiryMarginMs = 6e4;
var cacheKeyPrefix = "linking:mgmt-token:";
var maxCacheKeyBytes = 64;
var instanceTokens = /* @__PURE__ */ new Map();
function instanceKey(settings) {
  return `${settings.domain}|${settings.clientId}`;
}
function cacheKey(settings) {
  const key = `${cacheKeyPrefix}${settings.clientId}`;
  return Buffer.byteLength(key) <= maxCacheKeyBytes ? key : void 0;
}
function readCaches(settings, cache, now) {
  const fromInstance = instanceTokens.get(instanceKey(settings));
  if (fromInstance && fromInstance.usableUntil > now) return fromInstance.accessToken;
  const key = cacheKey(settings);
  const fromCache = key ? cache.get(key) : void 0;
  if (fromCache && typeof fromCache.value === "string" && fromCache.expires_at > now) {
    instanceTokens.set(instanceKey(settings), {
      accessToken: fromCache.value,
      usableUntil: fromCache.expires_at
    });
    return fromCache.value;
  }
  return void 0;
}
function storeToken(settings, cache, token) {
  instanceTokens.set(instanceKey(settings), token);
  const key = cacheKey(settings);
  if (key) cache.set(key, token.accessToken, { expires_at: token.usableUntil });
}
var TokenEndpointError = class extends Error {
  constructor(statusCode, rawResponse) {
    super(`token endpoint answered ${statusCode}`);
    this.statusCode = statusCode;
    this.rawResponse = rawResponse;
    this.name = "TokenEndpointError";
  }
  statusCode;
  rawResponse;
};
async function requestToken(settings, timeoutMs, now) {
  const response = await fetch(`https://${settings.domain}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      audience: `https://${settings.domain}/api/v2/`
    }),
    signal: AbortSignal.timeout(timeoutMs)
  });
  if (!response.ok) throw new TokenEndpointError(response.status, { headers: response.headers });
  const body = await response.json();
  if (typeof body.access_token !== "string" || typeof body.expires_in !== "number") {
    throw new TokenEndpointError(502, { headers: response.headers });
  }
  const lifetimeMs = body.expires_in * 1e3;
  return {
    accessToken: body.access_token,
    usableUntil: now() + Math.max(0, lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2))
  };
}
async function getManagementToken(settings, cache, env, onTokenRequest) {
  const cached = readCaches(settings, cache, env.now());
  if (cached) return { ok: true, value: cached };
  const result = await callWithRetries((timeoutMs) => requestToken(settings, timeoutMs, env.now), {
    ...env,
    onAttempt: () => {
      env.onAttempt();
      onTokenRequest();
    }
  });
  if (!result.ok) return result;
  storeToken(settings, cache, result.value);
  return { ok: true, value: result.value.accessToken };
}
function forgetManagementToken(settings, cache) {
  instanceTokens.delete(instanceKey(settings));
  const key = cacheKey(settings);
  if (key) cache.delete(key);
}

// src/action/management/management-port.ts
var alreadyLinkedMessages = [
  "Specified identity already exists.",
  "Provided secondary account not found."
];
function isAlreadyLinked(failure) {
  if (failure.status === 409) return true;
  return failure.status === 400 && alreadyLinkedMessages.includes(failure.message);
}
var defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function createManagementPort(options) {
  const now = options.now ?? Date.now;
  let requestCount = 0;
  let tokenRequestCount = 0;
  const env = {
    budget: options.budget,
    policy: defaultRetryPolicy,
    now,
    sleep: options.sleep ?? defaultSleep,
    onAttempt: () => {
      requestCount++;
    }
  };
  const mustFinishEnv = {
    ...env,
    budget: options.mustFinishBudget,
    policy: { ...defaultRetryPolicy, maxRequestMs: Number.POSITIVE_INFINITY }
  };
  let currentToken = "";
  const users = new import_users.UsersClient({
    baseUrl: `https://${options.settings.domain}/api/v2`,
    token: () => currentToken,
    maxRetries: 0
  });
  async function call(request, callOptions = {}) {
    const callEnv = callOptions.mustFinish ? mustFinishEnv : env;
    const token = await getManagementToken(options.settings, options.cache, callEnv, () => {
      tokenRequestCount++;
    });
    if (!token.ok) return { ok: false, failure: { ...token.failure, duringTokenRequest: true } };
    currentToken = token.value;
    const result = await callWithRetries(request, callEnv);
    if (!result.ok && result.failure.status === 401) {
      forgetManagementToken(options.settings, options.cache);
    }
    return result;
  }
  const requestOptions = (timeoutMs) => ({
    timeoutInSeconds: timeoutMs / 1e3,
    maxRetries: 0
  });
  return {
    get requestCount() {
      return requestCount;
    },
    get tokenRequestCount() {
      return tokenRequestCount;
    },
    usersByEmail: (email) => call(
      async (timeoutMs) => await users.listUsersByEmail({ email }, requestOptions(timeoutMs))
    ),
    updateMetadata: (userId, patch) => call(async (timeoutMs) => {
      await users.update(userId, patch, requestOptions(timeoutMs));
    }),
    getIdentities: (userId, callOptions) => call(async (timeoutMs) => {
      const user = await users.get(
        userId,
        { fields: "identities", include_fields: true },
        requestOptions(timeoutMs)
      );
      return (user.identities ?? []).map((identity) => ({
        provider: String(identity.provider),
        providerUserId: String(identity.user_id)
      }));
    }, callOptions),
    linkIdentity: async (primaryUserId, identity, callOptions) => {
      const result = await call(async (timeoutMs) => {
        await users.identities.link(
          primaryUserId,
          {
            provider: identity.provider,
            user_id: identity.providerUserId,
            ...identity.connectionId ? { connection_id: identity.connectionId } : {}
          },
          requestOptions(timeoutMs)
        );
        return "linked";
      }, callOptions);
      if (!result.ok && isAlreadyLinked(result.failure))
        return { ok: true, value: "already_linked" };
      return result;
    }
  };
}

// src/action/account.ts
function isPlainRecord(value) {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
function toIdentity(raw, index) {
  if (!isPlainRecord(raw)) {
    return `identities[${index}] is not an object`;
  }
  const { provider, user_id: providerUserId, connection } = raw;
  if (typeof provider !== "string" || provider === "") {
    return `identities[${index}].provider is not a non-empty string`;
  }
  if (typeof connection !== "string" || connection === "") {
    return `identities[${index}].connection is not a non-empty string`;
  }
  if (typeof providerUserId === "number" && Number.isSafeInteger(providerUserId)) {
    return { provider, providerUserId: String(providerUserId), connection };
  }
  if (typeof providerUserId !== "string" || providerUserId === "") {
    return `identities[${index}].user_id is not a non-empty string or an integer`;
  }
  return { provider, providerUserId, connection };
}
function toMetadata(raw, name) {
  if (raw === void 0 || raw === null) {
    return {};
  }
  return isPlainRecord(raw) ? raw : `${name} is not a plain object`;
}
function toAccountSnapshot(raw) {
  if (!isPlainRecord(raw)) {
    return { ok: false, reason: "user is not an object" };
  }
  const { user_id: userId, email, email_verified, created_at: createdAt } = raw;
  if (typeof userId !== "string" || userId === "") {
    return { ok: false, reason: "user_id is not a non-empty string" };
  }
  if (email !== void 0 && email !== null && typeof email !== "string") {
    return { ok: false, reason: "email is not a string" };
  }
  if (createdAt !== void 0 && createdAt !== null && typeof createdAt !== "string") {
    return { ok: false, reason: "created_at is not a string" };
  }
  const rawIdentities = raw.identities ?? [];
  if (!Array.isArray(rawIdentities)) {
    return { ok: false, reason: "identities is not an array" };
  }
  const identities = [];
  for (const [index, rawIdentity] of rawIdentities.entries()) {
    const identity = toIdentity(rawIdentity, index);
    if (typeof identity === "string") {
      return { ok: false, reason: identity };
    }
    identities.push(identity);
  }
  const userMetadata = toMetadata(raw.user_metadata, "user_metadata");
  if (typeof userMetadata === "string") {
    return { ok: false, reason: userMetadata };
  }
  const appMetadata = toMetadata(raw.app_metadata, "app_metadata");
  if (typeof appMetadata === "string") {
    return { ok: false, reason: appMetadata };
  }
  const account = {
    userId,
    // Anything but a literal true is unverified: "true" or 1 from a misbehaving source is not proof.
    emailVerified: email_verified === true,
    identities,
    userMetadata,
    appMetadata
  };
  if (typeof email === "string") {
    account.email = email;
  }
  if (typeof createdAt === "string") {
    account.createdAt = createdAt;
  }
  return { ok: true, account };
}

// src/action/email.ts
function asciiLowerCase(text) {
  return text.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}
function lookupVariants(email) {
  const lower = asciiLowerCase(email);
  return lower === email ? [email] : [email, lower];
}
function sameAddress(a, b) {
  return asciiLowerCase(a) === asciiLowerCase(b);
}

// src/action/marker.ts
var MARKER_KEY = "account_linking";
var MARKER_VERSION = 1;
function buildMarker(emailHash, checkedAt) {
  return { v: MARKER_VERSION, email_hash: emailHash, checked_at: checkedAt };
}
function hasValidMarker(appMetadata, emailHash) {
  if (!isPlainRecord(appMetadata) || !Object.hasOwn(appMetadata, MARKER_KEY)) {
    return false;
  }
  const marker = appMetadata[MARKER_KEY];
  return isPlainRecord(marker) && marker.v === MARKER_VERSION && marker.email_hash === emailHash;
}
function canRememberCheck(email) {
  return email === asciiLowerCase(email);
}

// src/action/apply-plan.ts
async function landedAnyway(port, primaryId, identity, failure, callOptions) {
  if (failure.kind === "client_error" || failure.duringTokenRequest) return false;
  const identities = await port.getIdentities(primaryId, callOptions);
  return identities.ok && identities.value.some(
    (candidate) => candidate.provider === identity.provider && candidate.providerUserId === identity.providerUserId
  );
}
function carryPatch(plan) {
  const patch = {};
  if (Object.keys(plan.metadataCarry.userMetadata).length > 0) {
    patch.user_metadata = plan.metadataCarry.userMetadata;
  }
  if (Object.keys(plan.metadataCarry.appMetadata).length > 0) {
    patch.app_metadata = plan.metadataCarry.appMetadata;
  }
  return patch.user_metadata || patch.app_metadata ? patch : void 0;
}
async function applyLinkPlan(plan, context) {
  const { port, api } = context;
  const primaryId = plan.primary.userId;
  const patch = carryPatch(plan);
  if (patch) {
    const carried = await port.updateMetadata(primaryId, patch);
    if (!carried.ok) {
      return { ok: false, code: "metadata_carry_failed", failure: carried.failure, links: 0 };
    }
  }
  let links = 0;
  let currentLinked = false;
  let failed;
  for (const step of plan.links) {
    const isCurrent = step.secondaryUserId === context.currentUserId;
    const callOptions = { mustFinish: isCurrent };
    const identity = {
      provider: step.provider,
      providerUserId: step.providerUserId,
      ...isCurrent ? { connectionId: context.loginConnectionId } : {}
    };
    const linked = await port.linkIdentity(primaryId, identity, callOptions);
    if (!linked.ok && !await landedAnyway(port, primaryId, identity, linked.failure, callOptions)) {
      failed = linked;
      break;
    }
    links++;
    if (isCurrent) currentLinked = true;
  }
  if (currentLinked) api.authentication.setPrimaryUser(primaryId);
  if (failed) return { ok: false, code: "link_failed", failure: failed.failure, links };
  if (!context.marker) return { ok: true, links, marker: "not_remembered" };
  if (!plan.currentBecomesSecondary) {
    api.user.setAppMetadata(MARKER_KEY, context.marker);
    return { ok: true, links, marker: "written" };
  }
  const marked = await port.updateMetadata(primaryId, {
    app_metadata: { [MARKER_KEY]: context.marker }
  });
  return { ok: true, links, marker: marked.ok ? "written" : "failed" };
}

// src/action/trust.ts
var DEFAULT_TRUSTED_STRATEGIES = /* @__PURE__ */ new Set([
  "auth0",
  "email",
  "google-oauth2",
  "apple"
]);
var DEFAULT_TRUST_POLICY = { kind: "default" };
function isTrustedConnection(connection, policy) {
  if (policy.kind === "listed") {
    return policy.connections.has(connection.name);
  }
  return connection.strategy !== void 0 && DEFAULT_TRUSTED_STRATEGIES.has(connection.strategy) || connection.provider !== void 0 && DEFAULT_TRUSTED_STRATEGIES.has(connection.provider);
}

// src/action/config.ts
var LINKING_MODES = ["link", "dry-run", "off"];
var ON_ERROR_BEHAVIOURS = ["continue", "deny"];
var DEFAULT_TIME_BUDGET_MS = 5e3;
var MIN_TIME_BUDGET_MS = 500;
var MAX_TIME_BUDGET_MS = 15e3;
var UNSAFE_METADATA_KEYS = /* @__PURE__ */ new Set([
  "__proto__",
  "constructor",
  "prototype",
  MARKER_KEY
]);
var HOST_WITH_OPTIONAL_PORT = /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/i;
function valid(value) {
  return { ok: true, value };
}
function invalid(secret, message) {
  return { ok: false, error: { code: "config_invalid", secret, message } };
}
function present(secrets, name) {
  const value = secrets[name]?.trim();
  return value === void 0 || value === "" ? void 0 : value;
}
function splitList(value) {
  return value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
}
function readChoice(secrets, name, choices, fallback) {
  const value = present(secrets, name);
  if (value === void 0) {
    return valid(fallback);
  }
  const normalised = value.toLowerCase();
  const choice = choices.find((candidate) => candidate === normalised);
  return choice === void 0 ? invalid(name, `${name} must be one of ${choices.join(", ")}`) : valid(choice);
}
function readDomain(secrets) {
  const value = present(secrets, "AUTH0_DOMAIN");
  if (value === void 0) {
    return invalid("AUTH0_DOMAIN", "AUTH0_DOMAIN is required (e.g. my-tenant.eu.auth0.com)");
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return invalid(
      "AUTH0_DOMAIN",
      "AUTH0_DOMAIN must be a host name without a scheme: drop the leading https://"
    );
  }
  if (!HOST_WITH_OPTIONAL_PORT.test(value)) {
    return invalid(
      "AUTH0_DOMAIN",
      "AUTH0_DOMAIN must be a host name with an optional :port and no path (e.g. my-tenant.eu.auth0.com)"
    );
  }
  return valid(value);
}
function readRequired(secrets, name) {
  const value = present(secrets, name);
  return value === void 0 ? invalid(name, `${name} is required unless LINKING_MODE is off`) : valid(value);
}
function readTrust(secrets) {
  const connections = splitList(secrets.TRUSTED_CONNECTIONS ?? "");
  return connections.length === 0 ? DEFAULT_TRUST_POLICY : { kind: "listed", connections: new Set(connections) };
}
function readMergeKeys(secrets) {
  const keys = [...new Set(splitList(secrets.MERGE_APP_METADATA_KEYS ?? ""))];
  const unsafe = keys.find((key) => UNSAFE_METADATA_KEYS.has(key));
  return unsafe === void 0 ? valid(keys) : invalid("MERGE_APP_METADATA_KEYS", `MERGE_APP_METADATA_KEYS must not list "${unsafe}"`);
}
function readTimeBudget(secrets) {
  const value = present(secrets, "TIME_BUDGET_MS");
  if (value === void 0) {
    return valid(DEFAULT_TIME_BUDGET_MS);
  }
  const budget = /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  return budget >= MIN_TIME_BUDGET_MS && budget <= MAX_TIME_BUDGET_MS ? valid(budget) : invalid(
    "TIME_BUDGET_MS",
    `TIME_BUDGET_MS must be an integer from ${MIN_TIME_BUDGET_MS} to ${MAX_TIME_BUDGET_MS}`
  );
}
function readConfig(secrets) {
  const onError = readChoice(secrets, "ON_ERROR", ON_ERROR_BEHAVIOURS, "continue");
  if (!onError.ok) {
    return { ok: false, error: onError.error, onError: "continue" };
  }
  const mode = readChoice(secrets, "LINKING_MODE", LINKING_MODES, "link");
  if (!mode.ok) {
    return { ok: false, error: mode.error, onError: onError.value };
  }
  if (mode.value === "off") {
    return {
      ok: true,
      config: {
        domain: "",
        clientId: "",
        clientSecret: "",
        mode: "off",
        trust: DEFAULT_TRUST_POLICY,
        mergeAppMetadataKeys: [],
        onError: onError.value,
        timeBudgetMs: DEFAULT_TIME_BUDGET_MS
      }
    };
  }
  const fail = (error) => ({ ok: false, error, onError: onError.value });
  const domain = readDomain(secrets);
  if (!domain.ok) return fail(domain.error);
  const clientId = readRequired(secrets, "AUTH0_CLIENT_ID");
  if (!clientId.ok) return fail(clientId.error);
  const clientSecret = readRequired(secrets, "AUTH0_CLIENT_SECRET");
  if (!clientSecret.ok) return fail(clientSecret.error);
  const mergeAppMetadataKeys = readMergeKeys(secrets);
  if (!mergeAppMetadataKeys.ok) return fail(mergeAppMetadataKeys.error);
  const timeBudgetMs = readTimeBudget(secrets);
  if (!timeBudgetMs.ok) return fail(timeBudgetMs.error);
  return {
    ok: true,
    config: {
      domain: domain.value,
      clientId: clientId.value,
      clientSecret: clientSecret.value,
      mode: mode.value,
      trust: readTrust(secrets),
      mergeAppMetadataKeys: mergeAppMetadataKeys.value,
      onError: onError.value,
      timeBudgetMs: timeBudgetMs.value
    }
  };
}

// src/action/email-hash.ts
var import_node_crypto = require("node:crypto");
var EMAIL_HASH_HEX_LENGTH = 16;
function hashEmail(email, key) {
  return (0, import_node_crypto.createHmac)("sha256", key).update(asciiLowerCase(email), "utf8").digest("hex").slice(0, EMAIL_HASH_HEX_LENGTH);
}

// src/action/find-candidates.ts
async function findCandidates(port, email) {
  const byUserId = /* @__PURE__ */ new Map();
  let malformed = 0;
  for (const variant of lookupVariants(email)) {
    const result = await port.usersByEmail(variant);
    if (!result.ok) return result;
    for (const raw of result.value) {
      const parsed = toAccountSnapshot(raw);
      if (!parsed.ok) {
        malformed++;
        continue;
      }
      byUserId.set(parsed.account.userId, parsed.account);
    }
  }
  return { ok: true, candidates: [...byUserId.values()], malformed };
}

// src/action/log-line.ts
function writeLogLine(line) {
  console.log(JSON.stringify(line));
}

// src/action/metadata-merge.ts
var MAX_METADATA_DEPTH = 10;
var MAX_CARRIED_VALUE_BYTES = 8 * 1024;
var PROTOTYPE_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
function defineOwn(target, key, value) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  });
}
function copyJsonValue(value, depth) {
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return { ok: true, value };
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: "unsupported_value" };
  }
  if (typeof value !== "object") {
    return { ok: false, reason: "unsupported_value" };
  }
  if (depth >= MAX_METADATA_DEPTH) {
    return { ok: false, reason: "too_deep" };
  }
  if (Array.isArray(value)) {
    const copy2 = [];
    for (const item of value) {
      const copied = copyJsonValue(item, depth + 1);
      if (!copied.ok) {
        return copied;
      }
      copy2.push(copied.value);
    }
    return { ok: true, value: copy2 };
  }
  if (!isPlainRecord(value)) {
    return { ok: false, reason: "unsupported_value" };
  }
  const copy = {};
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.has(key)) {
      return { ok: false, reason: "unsafe_key" };
    }
    const copied = copyJsonValue(value[key], depth + 1);
    if (!copied.ok) {
      return copied;
    }
    defineOwn(copy, key, copied.value);
  }
  return { ok: true, value: copy };
}
function copyRootValue(key, value) {
  if (PROTOTYPE_KEYS.has(key)) {
    return { ok: false, reason: "unsafe_key" };
  }
  const copied = copyJsonValue(value, 0);
  if (!copied.ok) {
    return copied;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(copied.value)).length;
  return bytes > MAX_CARRIED_VALUE_BYTES ? { ok: false, reason: "too_large" } : copied;
}
function carryRootKeys(primaryMetadata, secondaryMetadata, mayCarry, dropped) {
  const carried = {};
  for (const metadata of secondaryMetadata) {
    for (const key of Object.keys(metadata)) {
      if (!mayCarry(key) || Object.hasOwn(primaryMetadata, key) || Object.hasOwn(carried, key)) {
        continue;
      }
      const copied = copyRootValue(key, metadata[key]);
      if (copied.ok) {
        defineOwn(carried, key, copied.value);
      } else {
        dropped.push({ key, reason: copied.reason });
      }
    }
  }
  return carried;
}
function planMetadataCarry(primary, secondaries, allowedAppMetadataKeys) {
  const allowed = new Set(allowedAppMetadataKeys);
  allowed.delete(MARKER_KEY);
  const dropped = [];
  const userMetadata = carryRootKeys(
    primary.userMetadata,
    secondaries.map((secondary) => secondary.userMetadata),
    () => true,
    dropped
  );
  const appMetadata = carryRootKeys(
    primary.appMetadata,
    secondaries.map((secondary) => secondary.appMetadata),
    (key) => allowed.has(key),
    dropped
  );
  return { userMetadata, appMetadata, dropped };
}

// src/action/plan.ts
function skip(reason, detail, eligibleCandidates = 0) {
  return { kind: "skip", reason, detail, eligibleCandidates };
}
function isTrustedIdentity(identity, trust) {
  return identity !== void 0 && isTrustedConnection({ name: identity.connection, provider: identity.provider }, trust);
}
function isEligibleCandidate(candidate, currentUserId, email, trust) {
  return candidate.userId !== currentUserId && candidate.email !== void 0 && sameAddress(candidate.email, email) && candidate.emailVerified === true && isTrustedIdentity(candidate.identities[0], trust);
}
function createdAtMillis(account) {
  const millis = account.createdAt === void 0 ? Number.NaN : Date.parse(account.createdAt);
  return Number.isNaN(millis) ? Number.POSITIVE_INFINITY : millis;
}
function hasSeveralIdentities(account) {
  return account.identities.length > 1;
}
function comparePrimaryRank(a, b) {
  const byIdentities = Number(hasSeveralIdentities(b)) - Number(hasSeveralIdentities(a));
  if (byIdentities !== 0) {
    return byIdentities;
  }
  const aCreated = createdAtMillis(a);
  const bCreated = createdAtMillis(b);
  if (aCreated !== bCreated) {
    return aCreated < bCreated ? -1 : 1;
  }
  if (a.userId === b.userId) {
    return 0;
  }
  return a.userId < b.userId ? -1 : 1;
}
function toLinkStep(secondary) {
  const [mainIdentity] = secondary.identities;
  return {
    secondaryUserId: secondary.userId,
    provider: mainIdentity.provider,
    providerUserId: mainIdentity.providerUserId,
    connection: mainIdentity.connection
  };
}
function hasMainIdentity(account) {
  return account.identities[0] !== void 0;
}
function checkCurrentAccount(current, loginConnection, trust) {
  if (current.email === void 0 || current.email === "") {
    return { reason: "no_email", detail: "the current user has no email" };
  }
  if (current.emailVerified !== true) {
    return { reason: "email_not_verified", detail: "the current user's email is not verified" };
  }
  if (!loginConnection.name || !isTrustedConnection({ ...loginConnection, name: loginConnection.name }, trust)) {
    return { reason: "untrusted_connection", detail: "the login connection is not trusted" };
  }
  if (!hasMainIdentity(current)) {
    return { reason: "malformed_user", detail: "the current user has no identities" };
  }
  if (!isTrustedIdentity(current.identities[0], trust)) {
    return {
      reason: "untrusted_connection",
      detail: "the current user's main identity is not trusted"
    };
  }
  return void 0;
}
function planLinking(input) {
  const { current, loginConnection, trust } = input;
  const rejection = checkCurrentAccount(current, loginConnection, trust);
  if (rejection) return skip(rejection.reason, rejection.detail);
  const email = current.email;
  const eligible = /* @__PURE__ */ new Map();
  for (const candidate of input.candidates) {
    if (hasMainIdentity(candidate) && isEligibleCandidate(candidate, current.userId, email, trust)) {
      eligible.set(candidate.userId, candidate);
    }
  }
  if (eligible.size === 0) {
    return skip("no_candidates", "no other verified account with a trusted main identity");
  }
  const ranked = [current, ...eligible.values()].sort(comparePrimaryRank);
  if (ranked.filter(hasSeveralIdentities).length > 1) {
    return skip(
      "ambiguous_primary",
      "several accounts already have linked identities",
      eligible.size
    );
  }
  const [primary, ...secondaries] = ranked;
  return {
    kind: "link",
    primary,
    links: secondaries.map(toLinkStep),
    metadataCarry: planMetadataCarry(primary, secondaries, input.mergeAppMetadataKeys),
    currentBecomesSecondary: primary.userId !== current.userId,
    eligibleCandidates: eligible.size
  };
}

// src/action/protocols.ts
var nonInteractiveProtocols = /* @__PURE__ */ new Set([
  "oauth2-refresh-token",
  "oauth2-token-exchange",
  "oauth2-password",
  "oauth2-resource-owner",
  "oauth2-resource-owner-jwt-bearer",
  "oauth2-client-credentials"
]);
function isNonInteractive(protocol) {
  return protocol !== void 0 && nonInteractiveProtocols.has(protocol);
}

// src/action/time-budget.ts
function startTimeBudget(totalMs, now = Date.now) {
  const startedAt = now();
  const deadline = startedAt + totalMs;
  return {
    startedAt,
    elapsedMs: () => now() - startedAt,
    remainingMs: () => Math.max(0, deadline - now()),
    allows: (ms) => deadline - now() >= ms
  };
}
var mustFinishLimitMs = 15e3;

// src/action/run-account-linking.ts
var markerHashKey = (domain) => `account-linking-marker:${domain}`;
var denyMessage = "We could not finish signing you in. Please try again in a moment.";
var noWork = { candidates: 0, links: 0 };
async function runAccountLinking(event, api, createPort) {
  const startedAt = Date.now();
  let execution;
  try {
    execution = await linkAccounts(event, api, createPort);
  } catch (error) {
    execution = {
      summary: {
        outcome: "error",
        reason: "unexpected",
        ...noWork,
        detail: error instanceof Error ? error.name : "non-error thrown"
      },
      deny: onErrorBehaviour(event) === "deny"
    };
  }
  if (execution.deny) api.access.deny(denyMessage);
  writeLogLine({
    event: "account_linking",
    ...execution.summary,
    management_api_calls: execution.port?.requestCount ?? 0,
    token_requests: execution.port?.tokenRequestCount ?? 0,
    duration_ms: Date.now() - startedAt
  });
}
function onErrorBehaviour(event) {
  const config = readConfig(event.secrets ?? {});
  return config.ok ? config.config.onError : config.onError;
}
async function linkAccounts(event, api, createPort) {
  const configResult = readConfig(event.secrets ?? {});
  if (!configResult.ok) {
    return {
      summary: {
        outcome: "error",
        reason: "config_invalid",
        ...noWork,
        secret: configResult.error.secret,
        detail: configResult.error.message
      },
      deny: configResult.onError === "deny"
    };
  }
  const config = configResult.config;
  const skipped = (reason, extra = {}) => ({
    summary: { outcome: "skipped", reason, mode: config.mode, ...noWork, ...extra },
    deny: false
  });
  if (config.mode === "off") return skipped("mode_off");
  if (isNonInteractive(event.transaction?.protocol)) return skipped("non_interactive_protocol");
  const parsed = toAccountSnapshot(event.user);
  if (!parsed.ok) return skipped("malformed_user", { detail: parsed.reason });
  const current = parsed.account;
  const loginConnection = { name: event.connection?.name, strategy: event.connection?.strategy };
  const rejection = checkCurrentAccount(current, loginConnection, config.trust);
  if (rejection) {
    return skipped(rejection.reason, { user_id: current.userId, detail: rejection.detail });
  }
  const email = current.email;
  const identity = { user_id: current.userId, email_hash: hashEmail(email, config.clientSecret) };
  const markerHash = hashEmail(email, markerHashKey(config.domain));
  if (canRememberCheck(email) && hasValidMarker(current.appMetadata, markerHash)) {
    return skipped("already_checked", identity);
  }
  const budget = startTimeBudget(config.timeBudgetMs);
  const mustFinishBudget = startTimeBudget(mustFinishLimitMs);
  const port = createPort({ settings: config, cache: api.cache, budget, mustFinishBudget });
  const execution = await lookUpPlanAndApply({
    event,
    api,
    config,
    port,
    budget,
    current,
    loginConnection,
    email,
    markerHash
  });
  return { ...execution, summary: { ...identity, mode: config.mode, ...execution.summary }, port };
}
function failureReason(operationReason, failure, budget) {
  if (failure.kind === "budget_exhausted" || budget.remainingMs() === 0) return "budget_exhausted";
  return failure.duringTokenRequest ? "token_failed" : operationReason;
}
async function lookUpPlanAndApply(input) {
  const { config, port, api, current } = input;
  const failed = (reason, failure, extra = {}) => ({
    summary: {
      outcome: "error",
      reason: failureReason(reason, failure, input.budget),
      ...noWork,
      failure: { kind: failure.kind, ...failure.status ? { status: failure.status } : {} },
      ...extra
    },
    deny: config.onError === "deny"
  });
  const lookup = await findCandidates(port, input.email);
  if (!lookup.ok) return failed("lookup_failed", lookup.failure);
  const plan = planLinking({
    current,
    loginConnection: {
      name: input.loginConnection.name ?? "",
      strategy: input.loginConnection.strategy ?? ""
    },
    candidates: lookup.candidates,
    trust: config.trust,
    mergeAppMetadataKeys: config.mergeAppMetadataKeys
  });
  const marker = buildMarker(input.markerHash, (/* @__PURE__ */ new Date()).toISOString());
  if (plan.kind === "skip") {
    if (plan.reason === "no_candidates" && config.mode === "link" && canRememberCheck(input.email)) {
      api.user.setAppMetadata(MARKER_KEY, marker);
    }
    return {
      summary: {
        outcome: "skipped",
        reason: plan.reason,
        candidates: plan.eligibleCandidates,
        links: 0,
        ...plan.detail ? { detail: plan.detail } : {}
      },
      deny: false
    };
  }
  const planned = {
    candidates: plan.eligibleCandidates,
    primary_user_id: plan.primary.userId,
    current_became_secondary: plan.currentBecomesSecondary,
    ...plan.metadataCarry.dropped.length > 0 ? { dropped_metadata_keys: plan.metadataCarry.dropped.map((d) => d.key) } : {}
  };
  if (config.mode === "dry-run") {
    return {
      summary: { outcome: "dry-run", reason: "would_link", links: plan.links.length, ...planned },
      deny: false
    };
  }
  const applied = await applyLinkPlan(plan, {
    port,
    api,
    currentUserId: current.userId,
    loginConnectionId: input.event.connection.id,
    marker: plan.primary.email && canRememberCheck(plan.primary.email) ? marker : void 0
  });
  if (!applied.ok)
    return failed(applied.code, applied.failure, { ...planned, links: applied.links });
  return {
    summary: {
      outcome: "linked",
      reason: "linked",
      links: applied.links,
      ...planned,
      ...applied.marker === "failed" ? { detail: "marker_failed" } : {}
    },
    deny: false
  };
}

// src/action/post-login.ts
function onExecutePostLogin(event, api) {
  return runAccountLinking(event, api, createManagementPort);
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  onExecutePostLogin
});
