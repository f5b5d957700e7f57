import type { SpecifiedOperation } from "./operations";

/**
 * Which of the specification's two statements of an operation's scopes the tenant follows:
 * its `security`, or that together with the scopes its 403 description names ("Insufficient
 * scope; expected any of: read:users, read:organizations."). Where they differ, Auth0's answer
 * is unconfirmed, and the code must be safe under both.
 */
export type ScopeAnswers = "security" | "security-and-403-text";

/** The Management API scopes the specification accepts for an operation: any one of them. */
export function acceptedScopes(
  operation: SpecifiedOperation,
  answers: ScopeAnswers = "security",
): string[] {
  const secured = (operation.operation.security ?? []).flatMap(
    (requirement) => requirement.oAuth2ClientCredentials ?? [],
  );
  if (answers === "security") return secured;
  return [...new Set([...secured, ...scopesIn403Text(operation)])];
}

function scopesIn403Text(operation: SpecifiedOperation): string[] {
  const text = operation.operation.responses["403"]?.description ?? "";
  const listed = /expected(?: any of)?: ([a-z_:, ]+)/.exec(text)?.[1] ?? "";
  return listed
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
}

/**
 * Scopes the specification accepts that reach only part of what an operation does. The name
 * says which part; what Auth0 answers when a body reaches further is unconfirmed, so the local
 * tenant refuses it (403), which a client can only meet by asking for less.
 */
const bodyFieldsOfNarrowScopes: Record<string, readonly string[]> = {
  "update:users_app_metadata": ["app_metadata"],
};

export interface ScopeCheck {
  granted: readonly string[];
  answers: ScopeAnswers;
  /** `sub` of the token: a `current_user` scope acts only on the user that is its subject. */
  subject: string;
  /** The `{id}` path parameter, when the operation has one. */
  targetId: string | undefined;
  body: unknown;
}

/** Whether the token's scopes allow this request, by the specification's `security`. */
export function scopesAllow(operation: SpecifiedOperation, check: ScopeCheck): boolean {
  return acceptedScopes(operation, check.answers).some((scope) => {
    if (!check.granted.includes(scope)) return false;
    if (scope.includes("current_user")) return check.targetId === check.subject;
    const fields = bodyFieldsOfNarrowScopes[scope];
    return !fields || bodyTouchesOnly(check.body, fields);
  });
}

function bodyTouchesOnly(body: unknown, fields: readonly string[]): boolean {
  if (typeof body !== "object" || body === null) return true;
  return Object.keys(body).every((field) => fields.includes(field));
}
