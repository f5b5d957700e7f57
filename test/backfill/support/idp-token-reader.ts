import type { TenantSeed } from "../../../src/local-tenant/tenant-state";
import type { ClientCredentials } from "../../local-tenant/management-api/harness";

/** An application granted read:user_idp_tokens beside the backfill's scopes. */
export const idpTokenReader: ClientCredentials = {
  clientId: "IdpTokenReaderClientId0000000007",
  clientSecret: "local-only-idp-token-reader-secret-not-a-real-credential",
};

export function withIdpTokenReader(seed: TenantSeed): TenantSeed {
  return {
    ...seed,
    clients: [
      ...seed.clients,
      {
        client_id: idpTokenReader.clientId,
        client_secret: idpTokenReader.clientSecret,
        name: "idp-token-reader",
        grants: [
          {
            scope: [
              "read:users",
              "read:user_idp_tokens",
              "update:users",
              "read:connections",
              "read:connections_options",
              "read:organizations",
              "read:roles",
            ],
          },
        ],
      },
    ],
  };
}

/** Provider tokens as Auth0 stores them on a social identity; each value is unique to find. */
export const providerTokens = {
  access_token: "ya29.local-google-access-token-must-never-be-written",
  refresh_token: "1//local-google-refresh-token-must-never-be-written",
  access_token_secret: "local-twitter-style-token-secret-must-never-be-written",
} as const;
