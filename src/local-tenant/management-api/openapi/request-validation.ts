import type { ErrorObject } from "ajv/dist/2020.js";
import type { OperationMatch } from "./operations";
import { checkAgainst } from "./schema-validator";
import { type JsonSchema, type ParameterObject, resolveSchema } from "./specification";
import { type RequestPart, validationMessage } from "./validation-message";

export interface RequestToValidate {
  query: URLSearchParams;
  /** The parsed body; `undefined` when there was none. */
  body: unknown;
  contentType: string | undefined;
}

export interface RequestValidationError {
  part: RequestPart;
  message: string;
  error: ErrorObject;
}

/**
 * Checks a request's path and query parameters and its body against the specified operation,
 * as Auth0 does before acting: the first problem found, path first, then query, then body.
 */
export function validateRequest(
  match: OperationMatch,
  request: RequestToValidate,
): RequestValidationError | undefined {
  const { operation } = match.operation;
  const parameters = operation.parameters ?? [];
  return (
    checkParameters(match, "path", parameters, (name) => match.pathParams[name]) ??
    checkParameters(match, "query", parameters, (name) => nonEmpty(request.query.get(name))) ??
    checkBody(match, request)
  );
}

function checkParameters(
  match: OperationMatch,
  part: "path" | "query",
  parameters: readonly ParameterObject[],
  rawValue: (name: string) => string | undefined,
): RequestValidationError | undefined {
  const declared = parameters.filter((parameter) => parameter.in === part);
  if (declared.length === 0) return undefined;
  const schema = {
    type: "object",
    properties: Object.fromEntries(
      declared.map((parameter) => [
        parameter.name,
        { description: parameter.description, ...(parameter.schema ?? {}) },
      ]),
    ),
    required: declared.filter((parameter) => parameter.required).map(({ name }) => name),
  };
  const values: Record<string, unknown> = {};
  for (const parameter of declared) {
    const raw = rawValue(parameter.name);
    if (raw !== undefined) values[parameter.name] = coerce(raw, parameter.schema ?? {});
  }
  const check = checkAgainst(`${match.operation.operationId} ${part}`, schema, values);
  return check.valid ? undefined : failure(part, check.error);
}

function checkBody(
  match: OperationMatch,
  request: RequestToValidate,
): RequestValidationError | undefined {
  const content = match.operation.operation.requestBody?.content;
  if (!content) return undefined;
  const form = request.contentType?.startsWith("application/x-www-form-urlencoded") ?? false;
  const mediaType = form ? "application/x-www-form-urlencoded" : "application/json";
  const schema = content[mediaType]?.schema ?? content["application/json"]?.schema;
  if (!schema) return undefined;
  // An absent body is checked as an empty object: what is required is then named as missing.
  const body = request.body === undefined ? {} : request.body;
  const value = form ? coerceFormFields(body, schema) : body;
  const check = checkAgainst(`${match.operation.operationId} body`, schema, value);
  return check.valid ? undefined : failure("body", check.error);
}

function failure(part: RequestPart, error: ErrorObject): RequestValidationError {
  return { part, message: validationMessage(part, error), error };
}

/** Query strings and form fields carry text; a boolean or number is read as the schema says. */
function coerce(raw: string, schema: JsonSchema): unknown {
  const types = [schema.type].flat();
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  if (types.includes("integer") && /^-?\d+$/.test(raw)) return Number(raw);
  if (types.includes("number") && raw.trim() !== "" && Number.isFinite(Number(raw))) {
    return Number(raw);
  }
  return raw;
}

function coerceFormFields(body: unknown, schema: JsonSchema): unknown {
  if (typeof body !== "object" || body === null) return body;
  const properties = (resolveSchema(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [
      name,
      typeof value === "string" && properties[name] ? coerce(value, properties[name]) : value,
    ]),
  );
}

/** `fields=` with nothing after it means "all fields", as if it were absent. */
function nonEmpty(value: string | null): string | undefined {
  return value === null || value === "" ? undefined : value;
}
