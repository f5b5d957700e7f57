import type { ErrorObject } from "ajv/dist/2020.js";

/** Where the invalid value was: Auth0 names each in its message and its `errorCode`. */
export type RequestPart = "path" | "query" | "body";

export const errorCodeOf: Record<RequestPart, string> = {
  path: "invalid_uri",
  query: "invalid_query_string",
  body: "invalid_body",
};

const prefixOf: Record<RequestPart, string> = {
  path: "Path validation error",
  query: "Query validation error",
  body: "Payload validation error",
};

/**
 * Auth0's validation message, e.g. `Payload validation error: 'Expected type boolean but found
 * type string' on property blocked (Whether this user was blocked ...).`: its validator's wording
 * (z-schema's), the property, and the property's description from the specification.
 */
export function validationMessage(part: RequestPart, error: ErrorObject): string {
  const property = propertyName(error);
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  const where = property
    ? ` on property ${property}${typeof description === "string" ? ` (${description})` : ""}`
    : "";
  return `${prefixOf[part]}: '${reason(error)}'${where}.`;
}

function reason(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case "type":
      return `Expected type ${[params.type].flat().join(",")} but found type ${typeName(data)}`;
    case "required":
      return `Missing required property: ${String(params.missingProperty)}`;
    case "additionalProperties":
      return `Additional properties not allowed: ${String(params.additionalProperty)}`;
    case "enum":
      return `No enum match for: ${JSON.stringify(data)}`;
    case "pattern":
      return patternReason(String(params.pattern), String(data));
    case "format":
      return `Object didn't pass validation for format ${String(params.format)}: ${String(data)}`;
    case "minItems":
      return `Array is too short (${lengthOf(data)}), minimum ${String(params.limit)}`;
    case "maxItems":
      return `Array is too long (${lengthOf(data)}), maximum ${String(params.limit)}`;
    case "minLength":
      return `String is too short (${lengthOf(data)} chars), minimum ${String(params.limit)}`;
    case "maxLength":
      return `String is too long (${lengthOf(data)} chars), maximum ${String(params.limit)}`;
    case "minProperties":
      return `Too few properties defined (${propertyCount(data)}), minimum ${String(params.limit)}`;
    case "maxProperties":
      return `Too many properties defined (${propertyCount(data)}), maximum ${String(params.limit)}`;
    case "minimum":
      return `Value ${String(data)} is less than minimum ${String(params.limit)}`;
    case "maximum":
      return `Value ${String(data)} is greater than maximum ${String(params.limit)}`;
    case "oneOf":
    case "anyOf":
      return "None of the valid schemas were met";
    default:
      return error.message ?? "Invalid value";
  }
}

/**
 * Auth0 words a comma-separated list pattern (the `fields` parameters) by its values:
 * `String 'id' does not match pattern. Must be a comma separated list of the following values:
 * phone_number,email,...`.
 */
function patternReason(pattern: string, value: string): string {
  const listed = commaSeparatedListValues(pattern);
  return listed
    ? `String '${value}' does not match pattern. Must be a comma separated list of the following values: ${listed.join(",")}`
    : `String does not match pattern ${pattern}: ${value}`;
}

function commaSeparatedListValues(pattern: string): string[] | undefined {
  const match = /^\^\(((?:\([\w-]+\)\|?)+)\)\(,\(\1\)\)\*\$$/.exec(pattern);
  return match?.[1]?.split("|").map((alternative) => alternative.slice(1, -1));
}

/** The property an error is about: the failing value's, or the missing or extra one's parent. */
function propertyName(error: ErrorObject): string {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
    "",
  );
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function lengthOf(value: unknown): number {
  return typeof value === "string" || Array.isArray(value) ? value.length : 0;
}

function propertyCount(value: unknown): number {
  return typeof value === "object" && value !== null ? Object.keys(value).length : 0;
}
