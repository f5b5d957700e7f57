import { gunzipSync } from "node:zlib";
import { UsersExportsClient } from "auth0/jobs/usersExports";
import { describe, expect, test } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import {
  aliceDatabaseId,
  callManagementApi,
  deployCli,
  managementToken,
  startDemoTenant,
} from "./harness";
import { manyDatabaseUsers, withUsers } from "./many-users";

const exportPath = "/api/v2/jobs/users-exports";
const rootFields = [{ name: "user_id" }, { name: "email" }, { name: "email_verified" }];

/** The demo tenant on a clock the test moves, so a job's progress is not a matter of waiting. */
async function startTenantOnTestClock(extraUsers = 0) {
  let now = Date.parse("2026-03-01T12:00:00.000Z");
  const seed = withUsers(await loadDemoSeed({ withUsers: true }), manyDatabaseUsers(extraUsers));
  const server = await startDemoTenant({
    state: TenantState.fromSeed(seed),
    clock: () => now,
    exportJobTiming: { pendingMs: 1_000, processingMs: 10_000 },
  });
  const token = await managementToken(server);
  return {
    server,
    token,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function createJob(
  tenant: Awaited<ReturnType<typeof startTenantOnTestClock>>,
  body: unknown = { format: "json", fields: rootFields },
) {
  const response = await callManagementApi(tenant.server, tenant.token, exportPath, {
    method: "POST",
    body,
  });
  return { response, job: (await response.json()) as Record<string, unknown> };
}

async function getJob(tenant: Awaited<ReturnType<typeof startTenantOnTestClock>>, id: unknown) {
  const response = await callManagementApi(tenant.server, tenant.token, `/api/v2/jobs/${id}`);
  return (await response.json()) as Record<string, unknown>;
}

async function completedLocation(tenant: Awaited<ReturnType<typeof startTenantOnTestClock>>) {
  const { job } = await createJob(tenant);
  tenant.advance(11_000);
  return String((await getJob(tenant, job.id)).location);
}

function ndjsonLines(gzipped: Buffer): Record<string, unknown>[] {
  const text = gunzipSync(gzipped).toString("utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("POST /api/v2/jobs/users-exports", () => {
  test("answers 200 with a pending users_export job echoing the request", async () => {
    const tenant = await startTenantOnTestClock();
    const { response, job } = await createJob(tenant, {
      connection_id: "con_Db7hQ2mXk9LpR4tA",
      format: "json",
      limit: 2,
      fields: rootFields,
    });
    expect(response.status).toBe(200);
    expect(job).toEqual({
      id: expect.stringMatching(/^job_[A-Za-z0-9]{16}$/),
      type: "users_export",
      status: "pending",
      connection_id: "con_Db7hQ2mXk9LpR4tA",
      connection: "Username-Password-Authentication",
      format: "json",
      limit: 2,
      fields: rootFields,
      created_at: "2026-03-01T12:00:00.000Z",
    });
  });

  // The specification requires `connection` in the answer; its value for an export of every
  // connection is undocumented.
  test("answers connection even for an export of every connection", async () => {
    const tenant = await startTenantOnTestClock();
    const { response, job } = await createJob(tenant);
    expect(response.status).toBe(200);
    expect(job).toHaveProperty("connection");
    expect(job).not.toHaveProperty("connection_id");
  });

  test("works through the auth0 SDK's jobs.usersExports.create", async () => {
    const tenant = await startTenantOnTestClock();
    const client = new UsersExportsClient({
      baseUrl: `https://${tenant.server.domain}/api/v2`,
      token: () => tenant.token,
      maxRetries: 0,
    });
    const job = await client.create({ format: "json", fields: [{ name: "user_id" }] });
    expect(job).toMatchObject({ type: "users_export", status: "pending", format: "json" });
  });

  test.each([
    [
      { format: "xml" },
      "Payload validation error: 'No enum match for: \"xml\"' on property format (",
    ],
    [{ limit: 0 }, "on property limit ("],
    [{ connection_id: "con_short" }, "on property connection_id ("],
    [{ fields: [{ name: "email", label: "x" }] }, "on property fields[0]"],
    [{ format: "json", emails: true }, "Additional properties not allowed: emails"],
  ])("refuses the body %j with a 400 naming the problem, and creates no job", async (body, message) => {
    const tenant = await startTenantOnTestClock();
    const { response, job } = await createJob(tenant, body);
    expect(response.status).toBe(400);
    expect(job).toMatchObject({ statusCode: 400, error: "Bad Request", errorCode: "invalid_body" });
    expect(String(job.message)).toContain(message);
  });

  test("answers 400 for a well-formed connection id the tenant does not have", async () => {
    const tenant = await startTenantOnTestClock();
    const { response, job } = await createJob(tenant, { connection_id: "con_0000000000000000" });
    expect(response.status).toBe(400);
    expect(job.message).toBe("The connection does not exist.");
  });

  test("needs read:users", async () => {
    const tenant = await startTenantOnTestClock();
    const token = await managementToken(tenant.server, deployCli);
    const response = await callManagementApi(tenant.server, token, exportPath, {
      method: "POST",
      body: { format: "json" },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: "insufficient_scope" });
  });
});

describe("GET /api/v2/jobs/{id}", () => {
  test("goes from pending to processing (percentage and time left) to completed with a location", async () => {
    const tenant = await startTenantOnTestClock();
    const { job } = await createJob(tenant);
    expect(await getJob(tenant, job.id)).toMatchObject({ status: "pending" });
    tenant.advance(3_500);
    expect(await getJob(tenant, job.id)).toMatchObject({
      status: "processing",
      percentage_done: 25,
      time_left_seconds: 8,
    });
    tenant.advance(7_500);
    const completed = await getJob(tenant, job.id);
    expect(completed).toMatchObject({ id: job.id, status: "completed", percentage_done: 100 });
    expect(completed.location).toMatch(
      new RegExp(
        `^${tenant.server.origin}/user-exports/${job.id}/[^/?]+\\.json\\.gz\\?Expires=\\d+&Signature=`,
      ),
    );
  });

  test("ends failed, with no location, when the tenant is set to fail jobs", async () => {
    const tenant = await startTenantOnTestClock();
    tenant.server.exportJobs.configure({ outcome: "failed" });
    const { job } = await createJob(tenant);
    tenant.advance(11_000);
    const failed = await getJob(tenant, job.id);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.location).toBeUndefined();
  });

  test("answers 404 Job not found. for an unknown job, and after the job's 24 hours", async () => {
    const tenant = await startTenantOnTestClock();
    expect(await getJob(tenant, "job_0000000000000000")).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "Job not found.",
      errorCode: "inexistent_job",
    });
    const { job } = await createJob(tenant);
    tenant.advance(24 * 3_600_000);
    // The first token has expired too by then.
    const freshToken = await managementToken(tenant.server);
    expect(await getJob({ ...tenant, token: freshToken }, job.id)).toMatchObject({
      statusCode: 404,
    });
  });

  test("answers 400 for an id that is not job_ and 16 letters or digits", async () => {
    const tenant = await startTenantOnTestClock();
    expect(await getJob(tenant, "job_1")).toMatchObject({ statusCode: 400 });
  });
});

describe("the export file at location", () => {
  test("is gzipped NDJSON of the asked-for fields, fetched without the API token", async () => {
    const tenant = await startTenantOnTestClock();
    const response = await fetch(await completedLocation(tenant));
    expect(response.status).toBe(200);
    const lines = ndjsonLines(Buffer.from(await response.arrayBuffer()));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      user_id: aliceDatabaseId,
      email: "alice@example.com",
      email_verified: true,
    });
    for (const line of lines)
      expect(Object.keys(line).sort()).toEqual(
        ["email", "email_verified", "user_id"].filter((field) => field in line),
      );
  });

  // "Defaults to a predefined set of fields" (the specification's description of `fields`).
  test("holds a predefined set of fields, not the whole user, when no fields were asked for", async () => {
    const tenant = await startTenantOnTestClock();
    const { job } = await createJob(tenant, { format: "json" });
    tenant.advance(11_000);
    const location = String((await getJob(tenant, job.id)).location);
    const lines = ndjsonLines(Buffer.from(await (await fetch(location)).arrayBuffer()));
    expect(lines.find((line) => line.user_id === aliceDatabaseId)).toEqual({
      user_id: aliceDatabaseId,
      email: "alice@example.com",
      email_verified: true,
      created_at: expect.any(String),
    });
  });

  test("prefixes each string of a CSV export with a single quote", async () => {
    const tenant = await startTenantOnTestClock();
    const { job } = await createJob(tenant, { format: "csv", fields: rootFields });
    tenant.advance(11_000);
    const location = String((await getJob(tenant, job.id)).location);
    const rows = gunzipSync(Buffer.from(await (await fetch(location)).arrayBuffer()))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    expect(rows[0]).toBe("user_id,email,email_verified");
    expect(rows).toContain(`'${aliceDatabaseId},'alice@example.com,true`);
  });

  test("holds the users as they were when the job was created", async () => {
    const tenant = await startTenantOnTestClock();
    const { job } = await createJob(tenant);
    await callManagementApi(tenant.server, tenant.token, `/api/v2/users/${aliceDatabaseId}`, {
      method: "PATCH",
      body: { email: "alice.new@example.com" },
    });
    tenant.advance(11_000);
    const location = String((await getJob(tenant, job.id)).location);
    const lines = ndjsonLines(Buffer.from(await (await fetch(location)).arrayBuffer()));
    expect(lines.find((line) => line.user_id === aliceDatabaseId)?.email).toBe("alice@example.com");
  });

  test("honours connection_id, limit and export_as", async () => {
    const tenant = await startTenantOnTestClock(5);
    const { job } = await createJob(tenant, {
      connection_id: "con_Db7hQ2mXk9LpR4tA",
      format: "json",
      limit: 3,
      fields: [{ name: "user_id", export_as: "id" }],
    });
    tenant.advance(11_000);
    const location = String((await getJob(tenant, job.id)).location);
    const lines = ndjsonLines(Buffer.from(await (await fetch(location)).arrayBuffer()));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(String(line.id)).toMatch(/^auth0\|/);
  });

  test("expires after 60 seconds; reading the job again gives a fresh location", async () => {
    const tenant = await startTenantOnTestClock();
    const { job } = await createJob(tenant);
    tenant.advance(11_000);
    const first = String((await getJob(tenant, job.id)).location);
    tenant.advance(61_000);
    const expired = await fetch(first);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Code>AccessDenied</Code>");
    const fresh = String((await getJob(tenant, job.id)).location);
    expect(fresh).not.toBe(first);
    expect((await fetch(fresh)).status).toBe(200);
  });

  test("refuses a location whose signature was altered", async () => {
    const tenant = await startTenantOnTestClock();
    const location = new URL(await completedLocation(tenant));
    location.searchParams.set(
      "Expires",
      String(Number(location.searchParams.get("Expires")) + 3_600),
    );
    expect((await fetch(location)).status).toBe(403);
  });

  test("streams a large tenant in many pieces rather than as one body", async () => {
    const tenant = await startTenantOnTestClock(20_000);
    const response = await fetch(await completedLocation(tenant));
    const pieces: Buffer[] = [];
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>)
      pieces.push(Buffer.from(piece));
    expect(pieces.length).toBeGreaterThan(1);
    expect(ndjsonLines(Buffer.concat(pieces))).toHaveLength(20_004);
  });
});
