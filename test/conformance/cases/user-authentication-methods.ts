import { aliceDatabaseId, bobDatabaseId } from "../../local-tenant/management-api/harness";
import type { CaseContext, ConformanceCase } from "../support/case";

const alice = () => ({ id: aliceDatabaseId });
const bob = () => ({ id: bobDatabaseId });
const nobody = () => ({ id: "auth0|000000000000000000000000" });

// A security key alone: the factor `multifactor` does not show.
function enrolSecurityKey(context: CaseContext) {
  if ((context.server.state.authenticationMethodsOf(bobDatabaseId) ?? []).length > 0) return;
  context.server.state.enrollAuthenticationMethod(bobDatabaseId, "webauthn-roaming");
}

export const userAuthenticationMethodCases: ConformanceCase[] = [
  {
    operationId: "get_authentication-methods",
    name: "a user without a factor",
    params: alice,
    expectStatus: 200,
  },
  {
    operationId: "get_authentication-methods",
    name: "a user whose only factor is a security key, on one page",
    params: bob,
    before: enrolSecurityKey,
    query: { per_page: "100" },
    expectStatus: 200,
  },
  {
    operationId: "get_authentication-methods",
    name: "with totals",
    params: bob,
    before: enrolSecurityKey,
    query: { include_totals: "true", page: "0" },
    expectStatus: 200,
  },
  {
    operationId: "get_authentication-methods",
    name: "a token without read:authentication_methods",
    params: bob,
    caller: "unrelated-scope",
    expectStatus: 403,
  },
  {
    operationId: "get_authentication-methods",
    name: "a user that does not exist",
    params: nobody,
    expectStatus: 404,
  },
  {
    operationId: "get_authentication-methods",
    name: "a page size over 100",
    params: bob,
    query: { per_page: "101" },
    expectStatus: 400,
  },
];
