import type { CaseContext, ConformanceCase } from "../support/case";

/** A users-export job made through the emulator's own job store: an id for the path. */
function exportJob(context: CaseContext): Record<string, string> {
  const job = context.server.exportJobs.create(
    { format: "json" },
    context.server.state.usersMatching(() => true),
  );
  return { id: job.id };
}

export const jobCases: ConformanceCase[] = [
  {
    operationId: "post_users-exports",
    name: "starts a JSON export of one connection's users",
    body: {
      format: "json",
      connection_id: "con_Db7hQ2mXk9LpR4tA",
      fields: [{ name: "user_id" }, { name: "email" }],
    },
    expectStatus: 200,
  },
  {
    operationId: "post_users-exports",
    name: "a format outside the enum",
    body: { format: "xml" },
    expectStatus: 400,
  },
  {
    operationId: "post_users-exports",
    name: "a limit under 1",
    body: { limit: 0 },
    expectStatus: 400,
  },
  { operationId: "get_jobs_by_id", name: "reads a job", params: exportJob, expectStatus: 200 },
  {
    operationId: "get_jobs_by_id",
    name: "an id outside the pattern",
    params: () => ({ id: "not-a-job" }),
    expectStatus: 400,
  },
  {
    operationId: "get_jobs_by_id",
    name: "a job that does not exist",
    params: () => ({ id: "job_0000000000000000" }),
    expectStatus: 404,
  },
];
