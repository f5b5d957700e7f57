import { describe, expect, it } from "vitest";
import { protocolKind } from "../../src/linking/protocols";

describe("protocolKind", () => {
  it.each([
    "oidc-basic-profile",
    "oidc-implicit-profile",
    "oidc-hybrid-profile",
    "samlp",
    "wsfed",
    "oauth2-device-code",
  ])("lets-interactive-%s-link", (protocol) => {
    expect(protocolKind(protocol)).toBe("interactive");
  });

  it.each([
    "oauth2-refresh-token",
    "oauth2-token-exchange",
    "oauth2-password",
    "oauth2-resource-owner",
    "oauth2-resource-owner-jwt-bearer",
    "oauth2-access-token",
    "oauth2-client-credentials",
    "wstrust-usernamemixed",
  ])("refuses-non-interactive-%s", (protocol) => {
    expect(protocolKind(protocol)).toBe("non_interactive");
  });

  it.each([
    ["a future protocol", "oauth2-ciba"],
    ["none", undefined],
    ["a case variant", "SAMLP"],
  ])("treats-%s-as-unknown", (_case, protocol) => {
    expect(protocolKind(protocol)).toBe("unknown");
  });
});
