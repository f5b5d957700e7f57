import { describe, expect, it } from "vitest";
import { redactAddresses, redactAddressesDeep } from "../../src/linking/redact";

const hash = (address: string) => `h(${address.length})`;

describe("redactAddresses", () => {
  it("hashes-the-nameid-inside-a-saml-user-id", () => {
    expect(redactAddresses("samlp|acme-saml|jane.doe@corp.example", hash)).toBe(
      "samlp|acme-saml|email:h(21)",
    );
  });

  it("marks-an-address-when-no-key-is-known", () => {
    expect(redactAddresses("waad|contoso|Jane.Doe@Contoso.onmicrosoft.com")).toBe(
      "waad|contoso|[address]",
    );
  });

  it("finds-addresses-inside-a-sentence", () => {
    expect(redactAddresses("no account for <jane@example.com>, sorry")).toBe(
      "no account for <[address]>, sorry",
    );
  });

  it("leaves-ids-without-an-address-unchanged", () => {
    expect(redactAddresses("google-oauth2|1048", hash)).toBe("google-oauth2|1048");
  });
});

describe("redactAddressesDeep", () => {
  it("reaches-every-string-key-and-array-item", () => {
    const line = {
      user_id: "samlp|acme|a@b.example",
      candidates: 2,
      dropped_metadata_keys: ["x@y.example", "theme"],
      failure: { kind: "client_error", detail: "c@d.example" },
      "key@e.example": true,
    };
    const redacted = redactAddressesDeep(line);
    expect(JSON.stringify(redacted)).not.toMatch(/@/);
    expect(redacted).toMatchObject({
      candidates: 2,
      dropped_metadata_keys: ["[address]", "theme"],
    });
  });
});
