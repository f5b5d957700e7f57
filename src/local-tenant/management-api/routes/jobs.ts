import type { ExportField, ExportFormat } from "../../export-jobs/export-file";
import type { ExportJobRequest } from "../../export-jobs/export-jobs";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";

export const jobRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/api/v2/jobs/users-exports",
    endpointKey: "create-users-export",
    api: "management",
    scope: ["read:users"],
    handler: createUsersExport,
  },
  {
    method: "GET",
    pattern: "/api/v2/jobs/:id",
    endpointKey: "get-job",
    api: "management",
    scope: ["create:users", "read:users"],
    handler: getJob,
  },
];

/** Auth0 answers 200 (not 201) with the job, `pending`. Format defaults to CSV, as on Auth0. */
function createUsersExport(context: RouteContext): ApiResponse {
  const body = exportRequestBody(context.body);
  if (typeof body === "string") return managementError(400, body, "invalid_body");
  let connection: ExportJobRequest["connection"];
  if (body.connection_id !== undefined) {
    const found = context.state.getConnectionById(body.connection_id);
    if (!found) {
      return managementError(400, "The connection does not exist.", "inexistent_connection");
    }
    connection = { id: found.id, name: found.name };
  }
  const users = context.state.usersMatching(
    (user) =>
      !connection || user.identities.some((identity) => identity.connection === connection.name),
  );
  const job = context.exportJobs.create(
    {
      format: body.format ?? "csv",
      ...(connection ? { connection } : {}),
      ...(body.limit === undefined ? {} : { limit: body.limit }),
      ...(body.fields ? { fields: body.fields } : {}),
    },
    users,
  );
  return { status: 200, body: job };
}

function getJob(context: RouteContext): ApiResponse {
  const id = context.params.id ?? "";
  if (!/^job_[A-Za-z0-9]{16}$/.test(id)) {
    return managementError(
      400,
      `Path validation error: 'String does not match pattern ^job_[A-Za-z0-9]{16}$: ${id}' on property id (ID of the job.).`,
      "invalid_uri",
    );
  }
  const job = context.exportJobs.get(id);
  if (!job) return managementError(404, "Job not found.", "inexistent_job");
  return { status: 200, body: job };
}

interface ExportRequestBody {
  connection_id?: string;
  format?: ExportFormat;
  limit?: number;
  fields?: ExportField[];
}

const bodyProperties = new Set(["connection_id", "format", "limit", "fields"]);

/** The body's schema (`CreateExportUsersRequestContent`); a message in Auth0's words when it fails. */
function exportRequestBody(body: unknown): ExportRequestBody | string {
  const invalid = (detail: string, property?: string) =>
    `Payload validation error: '${detail}'${property ? ` on property ${property}` : ""}.`;
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return invalid(
      `Expected type object but found type ${Array.isArray(body) ? "array" : typeof body}`,
    );
  }
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => !bodyProperties.has(key));
  if (extra !== undefined) return invalid(`Additional properties not allowed: ${extra}`);
  const { connection_id, format, limit, fields } = record;
  if (connection_id !== undefined && !/^con_[A-Za-z0-9]{16}$/.test(String(connection_id))) {
    return invalid(
      `String does not match pattern ^con_[A-Za-z0-9]{16}$: ${String(connection_id)}`,
      "connection_id",
    );
  }
  if (format !== undefined && format !== "json" && format !== "csv") {
    return invalid(`No enum match for: ${JSON.stringify(format)}`, "format");
  }
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1)) {
    return invalid(`Expected an integer of at least 1, found ${JSON.stringify(limit)}`, "limit");
  }
  if (fields !== undefined && !validFields(fields)) {
    return invalid(
      "Each field must be { name, export_as? }, strings of 100 characters at most",
      "fields",
    );
  }
  return record as ExportRequestBody;
}

function validFields(fields: unknown): fields is ExportField[] {
  const validName = (value: unknown) => typeof value === "string" && value.length <= 100;
  return (
    Array.isArray(fields) &&
    fields.every(
      (field) =>
        typeof field === "object" &&
        field !== null &&
        Object.keys(field).every((key) => key === "name" || key === "export_as") &&
        validName((field as ExportField).name) &&
        ((field as ExportField).export_as === undefined ||
          validName((field as ExportField).export_as)),
    )
  );
}
