import { aliceDatabaseId, bobDatabaseId } from "../../local-tenant/management-api/harness";
import type { ConformanceCase } from "../support/case";

const alice = () => ({ id: aliceDatabaseId });
const bob = () => ({ id: bobDatabaseId });

export const userCases: ConformanceCase[] = [
  {
    operationId: "get_users-by-email",
    name: "finds users by exact address",
    query: { email: "alice@example.com" },
    expectStatus: 200,
  },
  {
    operationId: "get_users-by-email",
    name: "selects fields",
    query: { email: "alice@example.com", fields: "user_id,email", include_fields: "true" },
    expectStatus: 200,
  },
  {
    operationId: "get_users-by-email",
    name: "without the required email",
    expectStatus: 400,
  },
  {
    operationId: "get_users-by-email",
    name: "with fields outside the list",
    query: { email: "alice@example.com", fields: "user_id,password" },
    expectStatus: 400,
  },
  { operationId: "get_users_by_id", name: "an existing user", params: alice, expectStatus: 200 },
  {
    operationId: "get_users_by_id",
    name: "an unknown user",
    params: () => ({ id: "auth0|nobody" }),
    expectStatus: 404,
  },
  {
    operationId: "get_users_by_id",
    name: "include_fields that is not a boolean",
    params: alice,
    query: { include_fields: "yes" },
    expectStatus: 400,
  },
  {
    operationId: "patch_users_by_id",
    name: "merges metadata",
    params: bob,
    body: { user_metadata: { theme: "dark" }, app_metadata: { tier: "free" } },
    expectStatus: 200,
  },
  {
    operationId: "patch_users_by_id",
    name: "unsets an attribute with null",
    params: bob,
    body: { nickname: null },
    expectStatus: 200,
  },
  {
    operationId: "patch_users_by_id",
    name: "blocked as a string",
    params: bob,
    body: { blocked: "yes" },
    expectStatus: 400,
  },
  {
    operationId: "patch_users_by_id",
    name: "a malformed phone number",
    params: bob,
    body: { phone_number: "555-1234" },
    expectStatus: 400,
  },
  {
    operationId: "patch_users_by_id",
    name: "an email that is not one",
    params: bob,
    body: { email: "not-an-email" },
    expectStatus: 400,
  },
  {
    operationId: "patch_users_by_id",
    name: "a body that is not JSON",
    params: bob,
    rawBody: { text: "{not json", contentType: "application/json" },
    expectStatus: 400,
  },
  {
    operationId: "patch_users_by_id",
    name: "an unknown user",
    params: () => ({ id: "auth0|nobody" }),
    body: { user_metadata: { a: 1 } },
    expectStatus: 404,
  },
  {
    operationId: "get_users",
    name: "searches with q and totals",
    query: { q: 'email:"alice@example.com"', search_engine: "v3", include_totals: "true" },
    expectStatus: 200,
  },
  { operationId: "get_users", name: "lists the first page", expectStatus: 200 },
  {
    operationId: "get_users",
    name: "per_page that is not an integer",
    query: { per_page: "many" },
    expectStatus: 400,
  },
  {
    operationId: "get_users",
    name: "an older search engine",
    query: { q: "email:alice@example.com", search_engine: "v2" },
    expectStatus: 400,
  },
];
