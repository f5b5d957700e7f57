import type { StoredUser } from "../tenant-state";
import type { QueryNode, RangeBound } from "./query";

/** Auth0 normalizes these, so their search values are case-insensitive; all others are not. */
const caseInsensitiveFields = new Set(["email", "name", "given_name", "family_name", "nickname"]);

/**
 * Whether a user matches a parsed query. A term matches the whole stored value (exactly, or with
 * `*` standing for any characters); a dotted field reaches into objects and through arrays
 * (`identities.connection`); `email.domain` is the part of the address after the `@`.
 */
export function matchesUserQuery(user: Readonly<StoredUser>, query: QueryNode): boolean {
  switch (query.kind) {
    case "all":
      return true;
    case "and":
      return matchesUserQuery(user, query.left) && matchesUserQuery(user, query.right);
    case "or":
      return matchesUserQuery(user, query.left) || matchesUserQuery(user, query.right);
    case "not":
      return !matchesUserQuery(user, query.operand);
    case "term":
      return valuesAt(user, query.field).some((value) => termMatches(query, value));
    case "range":
      return valuesAt(user, query.field).some((value) => inRange(value, query.from, query.to));
  }
}

function termMatches(term: { field: string; value: string; phrase: boolean }, value: unknown) {
  const folded = caseInsensitiveFields.has(rootOf(term.field));
  const fold = (text: string) => (folded ? text.toLowerCase() : text);
  const stored = fold(String(value));
  const wanted = fold(term.value);
  if (term.phrase || !wanted.includes("*")) return stored === wanted;
  if (wanted === "*") return true;
  const pattern = wanted.split("*").map(escapeRegExp).join(".*");
  return new RegExp(`^${pattern}$`, "s").test(stored);
}

function inRange(value: unknown, from: RangeBound, to: RangeBound): boolean {
  return aboveLower(value, from) && belowUpper(value, to);
}

function aboveLower(value: unknown, bound: RangeBound): boolean {
  if (bound.value === undefined) return true;
  const order = compare(value, bound.value);
  return bound.inclusive ? order >= 0 : order > 0;
}

function belowUpper(value: unknown, bound: RangeBound): boolean {
  if (bound.value === undefined) return true;
  const order = compare(value, bound.value);
  return bound.inclusive ? order <= 0 : order < 0;
}

/** Numbers as numbers, dates (`2024-01-01`, ISO 8601 times) as instants, anything else as text. */
function compare(value: unknown, bound: string): number {
  if (typeof value === "number") return value - Number(bound);
  const text = String(value);
  const valueTime = dateTime(text);
  const boundTime = dateTime(bound);
  if (valueTime !== undefined && boundTime !== undefined) return valueTime - boundTime;
  return text < bound ? -1 : text > bound ? 1 : 0;
}

function dateTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** The values a field holds (several when it reaches through arrays); what search and sort see. */
export function valuesAt(user: Readonly<StoredUser>, field: string): unknown[] {
  if (field === "email.domain") {
    const email = user.email;
    return typeof email === "string" && email.includes("@") ? [email.split("@").pop()] : [];
  }
  let values: unknown[] = [user];
  for (const segment of field.split(".")) {
    values = values
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter(
        (value): value is Record<string, unknown> => typeof value === "object" && value !== null,
      )
      .map((value) => value[segment]);
  }
  return values
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value) => value !== undefined && value !== null && typeof value !== "object");
}

function rootOf(field: string): string {
  return field.split(".")[0] ?? field;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
