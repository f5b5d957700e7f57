import type { ApiResponse, Route, RouteContext } from "../route";

// Not in the repository's published document: written from Auth0's reference page "Get custom
// domains configurations" (read:custom_domains), which answers a bare array.
export const customDomainRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/custom-domains",
    endpointKey: "list-custom-domains",
    api: "management",
    scope: ["read:custom_domains"],
    handler: listCustomDomains,
  },
];

function listCustomDomains(context: RouteContext): ApiResponse {
  return {
    status: 200,
    body: context.state.customDomains.map((domain, index) => ({
      custom_domain_id: `cd_local${String(index).padStart(12, "0")}`,
      domain,
      primary: index === 0,
      status: "ready",
      type: "auth0_managed_certs",
    })),
  };
}
