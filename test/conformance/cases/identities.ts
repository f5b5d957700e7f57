import {
  aliceDatabaseId,
  aliceGoogleId,
  bobDatabaseId,
} from "../../local-tenant/management-api/harness";
import type { ConformanceCase } from "../support/case";

const googleUserId = aliceGoogleId.split("|")[1] ?? "";

export const identityCases: ConformanceCase[] = [
  {
    operationId: "post_identities",
    name: "a provider outside the enum",
    params: () => ({ id: aliceDatabaseId }),
    body: { provider: "not-a-provider", user_id: "1" },
    expectStatus: 400,
  },
  {
    operationId: "post_identities",
    name: "a malformed connection_id",
    params: () => ({ id: aliceDatabaseId }),
    body: { provider: "google-oauth2", user_id: googleUserId, connection_id: "google" },
    expectStatus: 400,
  },
  {
    operationId: "post_identities",
    name: "an empty body",
    params: () => ({ id: aliceDatabaseId }),
    body: {},
    expectStatus: 400,
  },
  {
    operationId: "post_identities",
    name: "a secondary that does not exist",
    params: () => ({ id: aliceDatabaseId }),
    body: { provider: "google-oauth2", user_id: "000000000000000000000" },
    expectStatus: 400,
  },
  {
    operationId: "post_identities",
    name: "links the Google account into the database one",
    params: () => ({ id: aliceDatabaseId }),
    body: { provider: "google-oauth2", user_id: googleUserId },
    expectStatus: 201,
  },
  {
    operationId: "post_identities",
    name: "the same link again",
    params: () => ({ id: aliceDatabaseId }),
    body: { provider: "google-oauth2", user_id: googleUserId },
    expectStatus: 409,
  },
  {
    operationId: "post_identities",
    name: "the user with itself",
    params: () => ({ id: bobDatabaseId }),
    body: { provider: "auth0", user_id: bobDatabaseId.split("|")[1] },
    expectStatus: 400,
  },
  {
    operationId: "delete_user_identity_by_user_id",
    name: "unlinks the Google identity again",
    params: () => ({ id: aliceDatabaseId, provider: "google-oauth2", user_id: googleUserId }),
    expectStatus: 200,
  },
  {
    operationId: "delete_user_identity_by_user_id",
    name: "a provider outside the enum",
    params: () => ({ id: aliceDatabaseId, provider: "not-a-provider", user_id: googleUserId }),
    expectStatus: 400,
  },
];
