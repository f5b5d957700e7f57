import type { ExportField, ExportFormat } from "../../export-jobs/export-file";
import type { ExportJobRequest } from "../../export-jobs/export-jobs";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { identitiesView } from "./user-view";

export const jobRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/api/v2/jobs/users-exports",
    endpointKey: "create-users-export",
    api: "management",
    handler: createUsersExport,
  },
  {
    method: "GET",
    pattern: "/api/v2/jobs/:id",
    endpointKey: "get-job",
    api: "management",
    handler: getJob,
  },
];

/**
 * Auth0 answers 200 (not 201) with the job, `pending`. Format defaults to CSV, as on Auth0. The
 * body has been checked against the specification's schema before this runs. The answer always
 * has `connection` (the specification requires it); what it holds for an export of every
 * connection is undocumented, so it is empty here and callers must not read meaning into it.
 */
function createUsersExport(context: RouteContext): ApiResponse {
  const body = (context.body ?? {}) as ExportRequestBody;
  let connection: ExportJobRequest["connection"];
  if (body.connection_id !== undefined) {
    const found = context.state.getConnectionById(body.connection_id);
    if (!found) {
      return managementError(400, "The connection does not exist.", "inexistent_connection");
    }
    connection = { id: found.id, name: found.name };
  }
  // Whether an export carries identity provider tokens is undocumented: here it does when the
  // application that asks for it may read them, as the users endpoints answer them.
  const users = context.state
    .usersMatching(
      (user) =>
        !connection || user.identities.some((identity) => identity.connection === connection.name),
    )
    .map((user) => ({ ...user, identities: identitiesView(user.identities, context) }));
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
