import type { Route } from "../route";
import { actionRoutes } from "./actions";
import { clientRoutes } from "./clients";
import { connectionRoutes } from "./connections";
import { customDomainRoutes } from "./custom-domains";
import { identityRoutes } from "./identities";
import { jobRoutes } from "./jobs";
import { listUsersRoutes } from "./list-users";
import { tokenRoutes } from "./token";
import { triggerRoutes } from "./triggers";
import { userAuthorizationRoutes } from "./user-authorization";
import { userOrganizationRoutes } from "./user-organizations";
import { userRoutes } from "./users";

/** The endpoints every local tenant serves; `startManagementApi({ routes })` appends more. */
export const defaultRoutes: readonly Route[] = [
  ...tokenRoutes,
  ...userRoutes,
  ...userOrganizationRoutes,
  ...userAuthorizationRoutes,
  ...listUsersRoutes,
  ...jobRoutes,
  ...identityRoutes,
  ...connectionRoutes,
  ...clientRoutes,
  ...customDomainRoutes,
  ...actionRoutes,
  ...triggerRoutes,
];
