import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "../../../project-root";

/** Auth0's published Management API v2 document (the part this project uses), kept unchanged. */
export const specificationPath = resolve(projectRoot, "spec/auth0-management-api.openapi.json");

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

export function specification(): OpenApiDocument {
  loaded ??= JSON.parse(readFileSync(specificationPath, "utf8")) as OpenApiDocument;
  return loaded;
}

/** A schema with its `#/components/schemas/...` reference, if it is one, followed once. */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  const prefix = "#/components/schemas/";
  if (typeof ref !== "string" || !ref.startsWith(prefix)) return schema;
  return specification().components.schemas[ref.slice(prefix.length)] ?? schema;
}
