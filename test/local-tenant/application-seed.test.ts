import { describe, expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { apps } from "./login-side/support/app-developer-tenant";
import { demoSeedWith } from "./login-side/support/seed";

describe("the seed's application settings and APIs", () => {
  it("names-each-bad-setting-and-refuses-the-seed", async () => {
    const seed = await demoSeedWith([]);
    const bad = {
      ...seed,
      clients: [
        ...seed.clients,
        {
          ...apps.spa,
          grant_types: ["authorization_code", "refresh-token"],
          token_endpoint_auth_method: "secret",
          web_origins: ["http://localhost:2/path"],
          refresh_token: { rotation_type: "sometimes" as "rotating" },
        },
      ],
      resource_servers: [{ identifier: "orders" }],
    };
    expect(() => TenantState.fromSeed(bad)).toThrow(
      new RegExp(
        [
          "unknown grant type refresh-token",
          "unknown token_endpoint_auth_method secret",
          "refresh_token.rotation_type must be rotating or non-rotating",
          "web origin http://localhost:2/path is not scheme://host\\[:port\\]",
          "resource server orders: identifier must be an absolute URL",
        ].join("[\\s\\S]*"),
      ),
    );
  });

  it("control: accepts-the-settings-the-login-side-tests-use", async () => {
    const seed = await demoSeedWith([]);
    expect(() =>
      TenantState.fromSeed({
        ...seed,
        clients: [...seed.clients, ...Object.values(apps)],
        resource_servers: [{ identifier: "https://orders.example.com/", enforce_policies: true }],
      }),
    ).not.toThrow();
  });
});
