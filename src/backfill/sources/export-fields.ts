/** What the planner reads of a user, asked of the export job and of the search alike. */
export const plannerFields = [
  "user_id",
  "email",
  "email_verified",
  "identities",
  "created_at",
  "blocked",
  "multifactor",
  "app_metadata",
  "user_metadata",
] as const;
