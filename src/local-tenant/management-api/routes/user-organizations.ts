import type { Organization } from "../../tenant-state";
import type { ApiResponse, Route, RouteContext } from "../route";
import { offsetPageOf } from "./offset-page";

export const userOrganizationRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users/:id/organizations",
    endpointKey: "get-user-organizations",
    api: "management",
    handler: listUserOrganizations,
  },
];

// The specification's default page size for this operation.
const defaultPerPage = 50;

function view(organization: Organization): Record<string, unknown> {
  return {
    id: organization.id,
    name: organization.name,
    ...(organization.display_name === undefined ? {} : { display_name: organization.display_name }),
  };
}

// The specification declares no 404 here: a user id with no memberships, existing or not, gets
// an empty list (Auth0's answer for an unknown id is unconfirmed; the Action fails closed on any
// answer other than a list).
function listUserOrganizations(context: RouteContext): ApiResponse {
  const all = context.state.organizationsOf(context.params.id ?? "");
  return offsetPageOf("organizations", all, context.query, defaultPerPage, view);
}
