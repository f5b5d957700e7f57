import { aliceDatabaseId, bobDatabaseId } from "../../local-tenant/management-api/harness";
import type { ConformanceCase } from "../support/case";

const alice = () => ({ id: aliceDatabaseId });
const bob = () => ({ id: bobDatabaseId });
const nobody = () => ({ id: "auth0|000000000000000000000000" });

function listCases(operationId: string, scope: string): ConformanceCase[] {
  return [
    {
      operationId,
      name: "whether a user has any, in one entry",
      params: bob,
      query: { per_page: "1" },
      expectStatus: 200,
    },
    {
      operationId,
      name: "with totals",
      params: bob,
      query: { include_totals: "true", page: "0" },
      expectStatus: 200,
    },
    {
      operationId,
      name: "a user with none",
      params: alice,
      expectStatus: 200,
    },
    {
      operationId,
      name: `a token without ${scope}`,
      params: bob,
      caller: "unrelated-scope",
      expectStatus: 403,
    },
    {
      operationId,
      name: "a page size of zero",
      params: bob,
      query: { per_page: "0" },
      expectStatus: 400,
    },
    {
      operationId,
      name: "include_totals that is no boolean",
      params: bob,
      query: { include_totals: "sometimes" },
      expectStatus: 400,
    },
    {
      operationId,
      name: "a user id that does not exist",
      params: nobody,
      expectStatus: 404,
    },
  ];
}

export const userAuthorizationCases: ConformanceCase[] = [
  ...listCases("get_user_roles", "read:roles"),
  ...listCases("get_user_permissions", "read:users"),
];
