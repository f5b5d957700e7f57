import { describe, expect, it } from "vitest";
import { type ConfigResult, readConfig } from "../../src/linking/config";

const CLIENT_SECRET = "s3cr3t/value+never~logged";

const complete = {
  AUTH0_DOMAIN: "acme.eu.auth0.com",
  AUTH0_CLIENT_ID: "client-id",
  AUTH0_CLIENT_SECRET: CLIENT_SECRET,
};

function configOf(result: ConfigResult) {
  if (!result.ok) {
    throw new Error(`expected a valid config, got ${result.error.message}`);
  }
  return result.config;
}

function errorOf(result: ConfigResult) {
  if (result.ok) {
    throw new Error("expected a config error");
  }
  return result;
}

describe("readConfig defaults", () => {
  it("links-with-the-default-trust-policy-when-only-credentials-are-set", () => {
    expect(configOf(readConfig(complete))).toEqual({
      domain: "acme.eu.auth0.com",
      clientId: "client-id",
      clientSecret: CLIENT_SECRET,
      mode: "link",
      trust: { kind: "default" },
      mergeAppMetadataKeys: [],
      onError: "continue",
      timeBudgetMs: 5000,
      prompt: { enabled: false },
      automaticLinking: true,
    });
  });

  it("treats-blank-optional-secrets-as-unset", () => {
    const config = configOf(
      readConfig({
        ...complete,
        LINKING_MODE: "  ",
        TRUSTED_CONNECTIONS: " , ,",
        MERGE_APP_METADATA_KEYS: "",
        ON_ERROR: " ",
        TIME_BUDGET_MS: "",
      }),
    );
    expect(config.mode).toBe("link");
    expect(config.trust).toEqual({ kind: "default" });
    expect(config.mergeAppMetadataKeys).toEqual([]);
    expect(config.onError).toBe("continue");
    expect(config.timeBudgetMs).toBe(5000);
  });
});

describe("LINKING_MODE", () => {
  it.each([
    ["link", "link"],
    [" Dry-Run ", "dry-run"],
    ["OFF", "off"],
  ])("accepts-mode-case-insensitively-and-trimmed %j", (value, mode) => {
    expect(configOf(readConfig({ ...complete, LINKING_MODE: value })).mode).toBe(mode);
  });

  it.each(["dryrun", "on", "true", "link,off"])("rejects-unknown-mode %j", (value) => {
    const { error, onError } = errorOf(readConfig({ ...complete, LINKING_MODE: value }));
    expect(error).toMatchObject({ code: "config_invalid", secret: "LINKING_MODE" });
    expect(error.message).toContain("LINKING_MODE");
    expect(onError).toBe("continue");
  });

  it("needs-no-credentials-when-off", () => {
    const config = configOf(readConfig({ LINKING_MODE: "off" }));
    expect(config.mode).toBe("off");
  });

  it("ignores-other-malformed-secrets-when-off", () => {
    const config = configOf(
      readConfig({ LINKING_MODE: "off", AUTH0_DOMAIN: "https://x", TIME_BUDGET_MS: "1" }),
    );
    expect(config.mode).toBe("off");
  });
});

describe("credentials", () => {
  it.each([
    "AUTH0_DOMAIN",
    "AUTH0_CLIENT_ID",
    "AUTH0_CLIENT_SECRET",
  ])("requires-%s-unless-off", (secret) => {
    const { error } = errorOf(readConfig({ ...complete, [secret]: undefined }));
    expect(error).toMatchObject({ code: "config_invalid", secret });
    expect(error.message).toContain(secret);
  });

  it("requires-a-non-blank-client-secret", () => {
    const { error } = errorOf(readConfig({ ...complete, AUTH0_CLIENT_SECRET: "   " }));
    expect(error.secret).toBe("AUTH0_CLIENT_SECRET");
  });

  it.each([
    "acme.auth0.com",
    "localhost:8443",
    "login.example.co.uk",
    "127.0.0.1:3000",
  ])("accepts-a-host-with-an-optional-port %j", (domain) => {
    expect(configOf(readConfig({ ...complete, AUTH0_DOMAIN: domain })).domain).toBe(domain);
  });

  it("trims-the-domain", () => {
    expect(configOf(readConfig({ ...complete, AUTH0_DOMAIN: " acme.auth0.com " })).domain).toBe(
      "acme.auth0.com",
    );
  });

  it.each([
    "https://acme.auth0.com",
    "http://acme.auth0.com/",
    "HTTPS://acme.auth0.com",
  ])("rejects-a-domain-with-a-scheme-and-says-to-drop-it %j", (domain) => {
    const { error } = errorOf(readConfig({ ...complete, AUTH0_DOMAIN: domain }));
    expect(error.secret).toBe("AUTH0_DOMAIN");
    expect(error.message).toMatch(/drop the leading https:\/\//);
  });

  it.each([
    "acme.auth0.com/api/v2",
    "acme.auth0.com/",
    "acme auth0.com",
    "user@acme.auth0.com",
    "acme.auth0.com:port",
    "acme.auth0.com:123456",
    "-acme.auth0.com",
    "acme..auth0.com",
    "acme.auth0.com?x=1",
  ])("rejects-a-domain-that-is-not-a-host %j", (domain) => {
    const { error } = errorOf(readConfig({ ...complete, AUTH0_DOMAIN: domain }));
    expect(error.secret).toBe("AUTH0_DOMAIN");
  });

  it("never-puts-the-client-secret-in-an-error-message", () => {
    const failures = [
      readConfig({ ...complete, AUTH0_DOMAIN: CLIENT_SECRET }),
      readConfig({ ...complete, AUTH0_DOMAIN: `https://${CLIENT_SECRET}` }),
      readConfig({ ...complete, AUTH0_CLIENT_ID: undefined }),
      readConfig({ ...complete, TIME_BUDGET_MS: "abc" }),
      readConfig({ ...complete, ON_ERROR: "explode" }),
    ];
    for (const failure of failures) {
      expect(JSON.stringify(errorOf(failure))).not.toContain(CLIENT_SECRET);
    }
  });
});

describe("TRUSTED_CONNECTIONS", () => {
  it("lists-trimmed-connection-names-and-drops-empty-entries", () => {
    const config = configOf(
      readConfig({
        ...complete,
        TRUSTED_CONNECTIONS: " acme-saml ,, Username-Password-Authentication,",
      }),
    );
    expect(config.trust).toEqual({
      kind: "listed",
      connections: new Set(["acme-saml", "Username-Password-Authentication"]),
    });
  });
});

describe("MERGE_APP_METADATA_KEYS", () => {
  it("lists-trimmed-keys-once-each", () => {
    const config = configOf(
      readConfig({ ...complete, MERGE_APP_METADATA_KEYS: " plan , locale,,plan" }),
    );
    expect(config.mergeAppMetadataKeys).toEqual(["plan", "locale"]);
  });

  it.each([
    "__proto__",
    "constructor",
    "prototype",
    "account_linking",
  ])("rejects-the-unsafe-or-reserved-key %j", (key) => {
    const { error } = errorOf(readConfig({ ...complete, MERGE_APP_METADATA_KEYS: `plan, ${key}` }));
    expect(error.secret).toBe("MERGE_APP_METADATA_KEYS");
    expect(error.message).toContain(key);
  });
});

describe("ON_ERROR", () => {
  it("accepts-deny-case-insensitively", () => {
    expect(configOf(readConfig({ ...complete, ON_ERROR: " DENY " })).onError).toBe("deny");
  });

  it("continues-when-on-error-itself-is-malformed", () => {
    const result = errorOf(readConfig({ ...complete, ON_ERROR: "denyy" }));
    expect(result.error.secret).toBe("ON_ERROR");
    expect(result.onError).toBe("continue");
  });

  it("denies-on-another-malformed-secret-when-on-error-is-deny", () => {
    const result = errorOf(readConfig({ ...complete, ON_ERROR: "deny", AUTH0_CLIENT_ID: "" }));
    expect(result.error.secret).toBe("AUTH0_CLIENT_ID");
    expect(result.onError).toBe("deny");
  });
});

describe("TIME_BUDGET_MS", () => {
  it.each([
    ["500", 500],
    [" 15000 ", 15000],
    ["2500", 2500],
  ])("accepts-an-integer-budget-in-range %j", (value, budget) => {
    expect(configOf(readConfig({ ...complete, TIME_BUDGET_MS: value })).timeBudgetMs).toBe(budget);
  });

  it.each([
    "499",
    "15001",
    "20000",
    "1e3",
    "2500.5",
    "-1000",
    "0x1000",
    "five seconds",
    "Infinity",
  ])("rejects-a-budget-that-is-not-an-integer-in-range %j", (value) => {
    const { error } = errorOf(readConfig({ ...complete, TIME_BUDGET_MS: value }));
    expect(error.secret).toBe("TIME_BUDGET_MS");
    expect(error.message).toMatch(/500.*15000/);
  });
});

describe("error messages", () => {
  it("never-echo-a-value-even-a-secret-pasted-into-the-wrong-field", () => {
    for (const secret of ["LINKING_MODE", "ON_ERROR", "TIME_BUDGET_MS", "AUTH0_DOMAIN"]) {
      const result = errorOf(readConfig({ ...complete, [secret]: CLIENT_SECRET }));
      expect(result.error.secret).toBe(secret);
      expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
    }
  });
});

describe("prompted linking settings", () => {
  const promptSecret = "p".repeat(64);
  const on = {
    ...complete,
    PROMPTED_LINKING: "on",
    PROMPT_CLIENT_ID: "prompt-client",
    PROMPT_CLIENT_SECRET: promptSecret,
  };

  it("is-off-unless-switched-on", () => {
    expect(configOf(readConfig(complete)).prompt).toEqual({ enabled: false });
    expect(configOf(readConfig({ ...complete, PROMPTED_LINKING: " " })).prompt).toEqual({
      enabled: false,
    });
  });

  it("reads-nothing-else-when-off-so-stale-prompt-secrets-cannot-break-logins", () => {
    const config = configOf(
      readConfig({ ...complete, PROMPTED_LINKING: "off", PROMPT_SNOOZE_DAYS: "forever" }),
    );
    expect(config.prompt).toEqual({ enabled: false });
  });

  it("takes-the-client-and-snoozes-30-days-by-default-when-on", () => {
    expect(configOf(readConfig(on)).prompt).toEqual({
      enabled: true,
      clientId: "prompt-client",
      clientSecret: promptSecret,
      snoozeDays: 30,
    });
    expect(configOf(readConfig({ ...on, PROMPTED_LINKING: "ON" })).prompt.enabled).toBe(true);
  });

  it.each([
    ["0", 0],
    ["7", 7],
    ["365", 365],
  ])("accepts-PROMPT_SNOOZE_DAYS-%s", (value, days) => {
    const prompt = configOf(readConfig({ ...on, PROMPT_SNOOZE_DAYS: value })).prompt;
    expect(prompt.enabled && prompt.snoozeDays).toBe(days);
  });

  it.each([
    ["PROMPTED_LINKING", { ...on, PROMPTED_LINKING: "yes" }],
    ["PROMPT_CLIENT_ID", { ...on, PROMPT_CLIENT_ID: "" }],
    ["PROMPT_CLIENT_SECRET", { ...on, PROMPT_CLIENT_SECRET: undefined }],
    ["PROMPT_CLIENT_SECRET", { ...on, PROMPT_CLIENT_SECRET: "short-secret-value" }],
    ["PROMPT_SNOOZE_DAYS", { ...on, PROMPT_SNOOZE_DAYS: "366" }],
    ["PROMPT_SNOOZE_DAYS", { ...on, PROMPT_SNOOZE_DAYS: "-1" }],
    ["PROMPT_SNOOZE_DAYS", { ...on, PROMPT_SNOOZE_DAYS: "1.5" }],
  ])("names-%s-when-it-is-malformed-without-echoing-its-value", (secret, secrets) => {
    const result = errorOf(readConfig(secrets));
    expect(result.error).toMatchObject({ code: "config_invalid", secret });
    expect(result.error.message).not.toContain("short-secret-value");
    expect(result.error.message).not.toContain(promptSecret);
  });

  it("turns-automatic-linking-off-only-with-prompted-linking-on", () => {
    expect(configOf(readConfig(on)).automaticLinking).toBe(true);
    expect(configOf(readConfig({ ...on, AUTOMATIC_LINKING: "off" })).automaticLinking).toBe(false);
    const alone = errorOf(readConfig({ ...complete, AUTOMATIC_LINKING: "off" }));
    expect(alone.error).toMatchObject({ code: "config_invalid", secret: "AUTOMATIC_LINKING" });
    expect(alone.error.message).toContain("PROMPTED_LINKING=on");
    expect(errorOf(readConfig({ ...on, AUTOMATIC_LINKING: "never" })).error.secret).toBe(
      "AUTOMATIC_LINKING",
    );
  });

  it("refuses-to-carry-the-decline-record-from-a-secondary", () => {
    const result = errorOf(
      readConfig({ ...complete, MERGE_APP_METADATA_KEYS: "plan,account_linking_prompt" }),
    );
    expect(result.error.secret).toBe("MERGE_APP_METADATA_KEYS");
  });
});
