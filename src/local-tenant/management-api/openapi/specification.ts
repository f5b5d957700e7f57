import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "../../../project-root";

/** Auth0's published Management API v2 document (the part this project uses), kept unchanged. */
export const specificationPath = resolve(projectRoot, "spec/auth0-management-api.openapi.json");

/**
 * Operations the project emulates that the published part lacks, written from the `auth0` SDK's
 * generated types (spec/README.md): kept apart so the published text stays as published.
 */
export const writtenFromSdkPath = resolve(projectRoot, "spec/written-from-the-sdk.openapi.json");

/** Where the specification's paths start: its `servers` say `https://{tenantDomain}/api/v2`. */
export const managementApiBasePath = "/api/v2";

export type JsonSchema = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> };
}

let loaded: OpenApiDocument | undefined;

function readDocument(path: string): OpenApiDocument {
  return JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

// An entry both name would be a written text hiding the published one.
function joined<T>(
  published: Record<string, T>,
  written: Record<string, T>,
  what: string,
): Record<string, T> {
  const restated = Object.keys(written).filter((name) => Object.hasOwn(published, name));
  if (restated.length > 0) {
    throw new Error(
      `the operations written from the SDK restate the published ${what} ${restated.join(", ")}`,
    );
  }
  return { ...published, ...written };
}

/** The published document with the operations written from the SDK added to it. */
export function withWrittenOperations(
  published: OpenApiDocument,
  written: Pick<OpenApiDocument, "paths" | "components">,
): OpenApiDocument {
  return {
    ...published,
    paths: joined(published.paths, written.paths, "path"),
    components: {
      ...published.components,
      schemas: joined(published.components.schemas, written.components.schemas, "schema"),
    },
  };
}

export function specification(): OpenApiDocument {
  loaded ??= withWrittenOperations(
    readDocument(specificationPath),
    readDocument(writtenFromSdkPath),
  );
  return loaded;
}

/** A schema with its `#/components/schemas/...` reference, if it is one, followed once. */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  const prefix = "#/components/schemas/";
  if (typeof ref !== "string" || !ref.startsWith(prefix)) return schema;
  return specification().components.schemas[ref.slice(prefix.length)] ?? schema;
}
