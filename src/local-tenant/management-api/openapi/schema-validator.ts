import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type JsonSchema, specification } from "./specification";

/** The id the whole specification is registered under, so its `#/components/...` refs resolve. */
const specificationId = "auth0-management-api";

/**
 * Formats the specification names that are Auth0's own and that it does not define; they are
 * accepted as any string, since guessing their rules would refuse what Auth0 may accept.
 */
const auth0OwnFormats = [
  "strict-uri",
  "strict-https-uri-or-null",
  "html-color",
  "authenticator-id",
  "connection-realm",
  "organization-id",
  "organization-name",
  "client-id",
];

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFactory(): Ajv2020 {
  if (ajv) return ajv;
  // strict: false because the document carries OpenAPI keywords (x-*, example) next to JSON
  // Schema; verbose, so a message can name the failing property's description.
  const instance = new Ajv2020({
    strict: false,
    allErrors: false,
    verbose: true,
    unicodeRegExp: false,
  });
  addFormats.default(instance);
  for (const format of auth0OwnFormats) instance.addFormat(format, true);
  instance.addSchema(specification() as unknown as JsonSchema, specificationId);
  ajv = instance;
  return instance;
}

export type SchemaCheck = { valid: true } | { valid: false; error: ErrorObject };

/**
 * Checks `value` against a schema taken from the specification (its `#/components/...` refs
 * resolve inside the specification). `key` caches the compiled validator.
 */
export function checkAgainst(key: string, schema: JsonSchema, value: unknown): SchemaCheck {
  let validate = compiled.get(key);
  if (!validate) {
    validate = validatorFactory().compile(withSpecificationRefs(schema));
    compiled.set(key, validate);
  }
  if (validate(value)) return { valid: true };
  const [error] = validate.errors ?? [];
  if (!error) throw new Error(`schema ${key} rejected a value without saying why`);
  return { valid: false, error };
}

function withSpecificationRefs(schema: unknown): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema, (key, value) =>
      key === "$ref" && typeof value === "string" && value.startsWith("#/")
        ? `${specificationId}${value}`
        : value,
    ),
  ) as JsonSchema;
}
