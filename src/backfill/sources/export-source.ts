import { createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type AdminClient, describeFailure } from "../../admin";
import type { Progress } from "../progress";
import { plannerFields } from "./export-fields";
import { ndjsonWithoutIdpTokens } from "./without-idp-tokens";

export type SourceResult = { ok: true; path: string } | { ok: false; reason: string };

interface Job {
  id?: unknown;
  status?: unknown;
  location?: unknown;
  percentage_done?: unknown;
}

const pollIntervalMs = 2_000;
// Auth0 deletes job data after 24 hours; older documentation says export jobs fail after 8.
const maxJobWaitMs = 8 * 60 * 60 * 1000;
// The location is valid for 60 seconds: an expired one is asked for again, a few times.
const downloadAttempts = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A users-export job (JSON, every connection, the planner's fields), polled until it completes
 * or fails, and its gzipped NDJSON downloaded at once (the link expires within a minute),
 * streamed to `path` without the API token and never held in memory, every identity provider
 * token cut out on the way (`withoutIdpTokens`).
 */
export async function exportUsers(
  client: AdminClient,
  path: string,
  progress: Progress,
  options: { pollIntervalMs?: number } = {},
): Promise<SourceResult> {
  const created = await client.request({
    method: "POST",
    path: "/api/v2/jobs/users-exports",
    body: { format: "json", fields: plannerFields.map((name) => ({ name })) },
  });
  if (created.kind !== "ok")
    return { ok: false, reason: `export job not created: ${describeFailure(created)}` };
  const jobId = (created.value as Job).id;
  if (typeof jobId !== "string") return { ok: false, reason: "the export job has no id" };

  progress.phase("export", 100, "%");
  const deadline = Date.now() + maxJobWaitMs;
  for (;;) {
    const job = await client.request({
      method: "GET",
      path: `/api/v2/jobs/${encodeURIComponent(jobId)}`,
    });
    if (job.kind !== "ok")
      return { ok: false, reason: `export job unreadable: ${describeFailure(job)}` };
    const { status, percentage_done: percentage } = job.value as Job;
    if (typeof percentage === "number") progress.update(percentage);
    if (status === "failed") return { ok: false, reason: `export job ${jobId} failed` };
    if (status === "completed") break;
    if (Date.now() > deadline)
      return { ok: false, reason: `export job ${jobId} did not complete in 8 hours` };
    await sleep(options.pollIntervalMs ?? pollIntervalMs);
  }
  progress.update(100);

  for (let attempt = 1; attempt <= downloadAttempts; attempt++) {
    const job = await client.request({
      method: "GET",
      path: `/api/v2/jobs/${encodeURIComponent(jobId)}`,
    });
    const location = job.kind === "ok" ? (job.value as Job).location : undefined;
    if (typeof location !== "string")
      return { ok: false, reason: "the completed export job has no location" };
    const downloaded = await download(location, path, progress);
    if (downloaded === "ok") return { ok: true, path };
    if (attempt === downloadAttempts)
      return { ok: false, reason: `export download failed: ${downloaded}` };
  }
  return { ok: false, reason: "export download failed" };
}

async function download(location: string, path: string, progress: Progress): Promise<string> {
  let response: Response;
  try {
    // Signed and on another host: the API token must not go there.
    response = await fetch(location);
  } catch (error) {
    return error instanceof Error ? error.message : "the connection failed";
  }
  if (!response.ok || !response.body) return `the file answered ${response.status}`;
  const size = Number(response.headers.get("content-length") ?? 0);
  progress.phase("download", size, "bytes");
  let received = 0;
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  body.on("data", (chunk: Buffer) => {
    received += chunk.length;
    progress.update(received);
  });
  const partial = `${path}.partial`;
  try {
    await pipeline(
      body,
      createGunzip(),
      ndjsonWithoutIdpTokens(),
      createGzip({ level: 1 }),
      createWriteStream(partial),
    );
  } catch (error) {
    return error instanceof Error ? error.message : "the download broke off";
  }
  await rename(partial, path);
  return "ok";
}
