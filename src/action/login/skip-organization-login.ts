import { goOn, type LoginStep, skipped } from "./login-step";

// Memberships belong to a user id, and whether Auth0 honours setPrimaryUser in an
// organization login is undocumented: an organization login links nothing.
export const skipOrganizationLogin: LoginStep = ({ event }, { config }) =>
  event.organization !== undefined ? skipped(config, "organization_login") : goOn;
