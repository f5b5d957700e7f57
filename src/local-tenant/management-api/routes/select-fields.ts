import type { StoredUser } from "../../tenant-state";

/** Applies the `fields` and `include_fields` query parameters of the user endpoints. */
export function selectFields(user: StoredUser, query: URLSearchParams): Record<string, unknown> {
  const fields = query
    .get("fields")
    ?.split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  if (!fields || fields.length === 0) return user;
  const include = query.get("include_fields") !== "false";
  return Object.fromEntries(
    Object.entries(user).filter(([field]) => fields.includes(field) === include),
  );
}
