import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { ndjsonWithoutIdpTokens } from "../../src/backfill/sources/without-idp-tokens";

// Cut into 7-byte pieces: lines cross every chunk boundary, as a download's chunks fall.
async function cut(lines: string): Promise<string> {
  const pieces = lines.match(/[\s\S]{1,7}/g) ?? [];
  return text(
    Readable.from(pieces.map((piece) => Buffer.from(piece))).pipe(ndjsonWithoutIdpTokens()),
  );
}

it("an-export-line-keeps-everything-but-the-identities-provider-tokens", async () => {
  const tokened = {
    user_id: "google-oauth2|1",
    email: "a@example.com",
    identities: [
      {
        provider: "google-oauth2",
        user_id: "1",
        connection: "google-oauth2",
        isSocial: true,
        access_token: "ya29.x",
        refresh_token: "1//x",
        id_token: "eyJ.x",
      },
    ],
    user_metadata: { note: "token talk" },
  };
  const plain = { user_id: "auth0|2", email: "b@example.com", identities: [] };
  const input = `${JSON.stringify(tokened)}\n${JSON.stringify(plain)}\nnot json token\n${JSON.stringify(plain)}`;

  const lines = (await cut(input)).split("\n");

  expect(lines).toHaveLength(4);
  expect(JSON.parse(lines[0] as string)).toEqual({
    ...tokened,
    identities: [
      { provider: "google-oauth2", user_id: "1", connection: "google-oauth2", isSocial: true },
    ],
  });
  expect(lines[1]).toBe(JSON.stringify(plain));
  expect(lines[2]).toBe("null");
  expect(lines[3]).toBe(JSON.stringify(plain));
});
