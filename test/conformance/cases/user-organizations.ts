import { aliceDatabaseId } from "../../local-tenant/management-api/harness";
import type { ConformanceCase } from "../support/case";

const alice = () => ({ id: aliceDatabaseId });

export const userOrganizationCases: ConformanceCase[] = [
  {
    operationId: "get_user_organizations",
    name: "whether a user has any membership, in one entry",
    params: alice,
    query: { per_page: "1" },
    expectStatus: 200,
  },
  {
    operationId: "get_user_organizations",
    name: "with totals",
    params: alice,
    query: { include_totals: "true" },
    expectStatus: 200,
  },
  {
    operationId: "get_user_organizations",
    name: "a token without read:organizations",
    params: alice,
    caller: "unrelated-scope",
    expectStatus: 403,
  },
  {
    operationId: "get_user_organizations",
    name: "a page size of zero",
    params: alice,
    query: { per_page: "0" },
    expectStatus: 400,
  },
];
