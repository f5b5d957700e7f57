import { ManagementApiError } from "./management-api-error";
import type { Metadata, StoredUser } from "./tenant-records";

export interface UserPatch {
  user_metadata?: Metadata;
  app_metadata?: Metadata;
  [rootField: string]: unknown;
}

// Root fields PATCH /api/v2/users/{id} accepts besides the two metadata objects.
const patchableRootFields = new Set([
  "email",
  "email_verified",
  "phone_number",
  "phone_verified",
  "name",
  "given_name",
  "family_name",
  "nickname",
  "picture",
  "username",
  "blocked",
  "verify_email",
  "password",
  "connection",
  "client_id",
]);
// Accepted by Auth0 but never stored on the user.
const transientPatchFields = new Set(["verify_email", "password", "connection", "client_id"]);

/** Refuses, with Auth0's validation messages, a field PATCH does not take or metadata that is no object. */
export function checkPatch(patch: UserPatch): void {
  const invalidField = Object.keys(patch).find(
    (field) =>
      field !== "user_metadata" && field !== "app_metadata" && !patchableRootFields.has(field),
  );
  if (invalidField !== undefined) {
    throw invalidPatch(
      `Payload validation error: 'Additional properties not allowed: ${invalidField}'.`,
    );
  }
  for (const field of ["user_metadata", "app_metadata"] as const) {
    const value = patch[field];
    if (value !== undefined && !isPlainObject(value)) {
      throw invalidPatch(
        `Payload validation error: 'Expected type object but found type ${typeName(value)}' on property ${field}.`,
      );
    }
  }
}

/**
 * Auth0's PATCH semantics: each metadata object is merged at its root (a `null` value deletes
 * the key, `{}` wipes the whole object); other root fields are replaced, and `null` unsets one.
 * `updated_at` is left to the caller.
 */
export function patchedUser(
  user: StoredUser,
  patch: UserPatch,
  storedEmail: (email: string) => string,
): StoredUser {
  const copy = structuredClone(patch);
  const updated: StoredUser = { ...user };
  for (const [field, value] of Object.entries(copy)) {
    // Transient fields act on the account (a password, an email to send); they are not stored.
    if (transientPatchFields.has(field)) continue;
    if (field === "user_metadata" || field === "app_metadata") {
      updated[field] = mergeMetadata(user[field], value as Metadata);
    } else if (value === null) {
      delete updated[field];
    } else if (field === "email" && typeof value === "string") {
      updated.email = storedEmail(value);
    } else {
      updated[field] = value;
    }
  }
  return updated;
}

export function mergeMetadata(current: Metadata, patch: Metadata): Metadata {
  if (Object.keys(patch).length === 0) return {};
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete merged[key];
    } else {
      // A root key named `__proto__` is data in JSON: defining it keeps it data here too.
      Object.defineProperty(merged, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return merged;
}

function invalidPatch(message: string): ManagementApiError {
  return new ManagementApiError({
    statusCode: 400,
    error: "Bad Request",
    message,
    errorCode: "invalid_body",
    reason: "invalid-patch",
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}
