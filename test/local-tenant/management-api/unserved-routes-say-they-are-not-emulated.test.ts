import { describe, expect, it } from "vitest";
import { callManagementApi, startDemoTenantWithToken } from "./harness";

describe("a Management API route the local tenant does not serve", () => {
  it("refuses-a-request-without-a-token-first-with-401-as-auth0-does", async () => {
    const { server } = await startDemoTenantWithToken();
    const answer = await callManagementApi(server, undefined, "/api/v2/resource-servers");
    expect(answer.status).toBe(401);
  });

  it("refuses-a-bad-token-with-401", async () => {
    const { server } = await startDemoTenantWithToken();
    const answer = await callManagementApi(server, "not-a-token", "/api/v2/resource-servers");
    expect(answer.status).toBe(401);
  });

  it("answers-501-naming-the-method-and-path-with-auth0s-error-shape-to-a-valid-token", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const answer = await callManagementApi(server, token, "/api/v2/resource-servers?per_page=5", {
      method: "POST",
      body: { identifier: "https://api.example.com" },
    });
    expect(answer.status).toBe(501);
    expect(await answer.json()).toEqual({
      statusCode: 501,
      error: "Not Implemented",
      message:
        "POST /api/v2/resource-servers is not emulated by the local tenant (see docs/local-tenant.md).",
      errorCode: "not_emulated",
    });
  });

  it("control: a served route with the same token answers as usual", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const answer = await callManagementApi(server, token, "/api/v2/users-by-email?email=a%40b.c");
    expect(answer.status).toBe(200);
  });
});
