import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Readable } from "node:stream";
import type { StoredUser } from "../tenant-state";
import { type ExportField, type ExportFormat, exportFileStream } from "./export-file";

export interface ExportJobTiming {
  /** How long a job stays `pending` before it starts. */
  pendingMs: number;
  /** How long it stays `processing` (percentage_done going from 0 to 100) before it ends. */
  processingMs: number;
  /** How jobs created from now on end; `failed` lets tests exercise a job that fails. */
  outcome: "completed" | "failed";
}

export interface ExportJobRequest {
  connection?: { id: string; name: string };
  format: ExportFormat;
  limit?: number;
  fields?: ExportField[];
}

export type ExportJobStatus = "pending" | "processing" | "completed" | "failed";

export interface ExportJobView {
  id: string;
  type: "users_export";
  status: ExportJobStatus;
  created_at: string;
  connection_id?: string;
  connection: string;
  format: ExportFormat;
  limit?: number;
  fields?: ExportField[];
  percentage_done?: number;
  time_left_seconds?: number;
  location?: string;
  status_details?: string;
}

interface ExportJob {
  id: string;
  request: ExportJobRequest;
  createdAtMs: number;
  timing: ExportJobTiming;
  /** The users as they were when the job was created (see TenantState.usersMatching). */
  users: readonly Readonly<StoredUser>[];
}

export type ExportDownload =
  | { ok: true; file: Readable; filename: string }
  | { ok: false; status: 403 | 404; code: string; message: string };

/** Auth0: a `location` is valid for 60 seconds; GET the job again for a fresh one. */
export const locationLifetimeSeconds = 60;
/** Auth0 deletes a job and its file 24 hours after it was created. */
const jobLifetimeMs = 24 * 60 * 60 * 1000;
export const exportDownloadPrefix = "/user-exports/";
/** `connection` of an export of every connection: required, its value undocumented. */
const allConnections = "";
const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export const defaultExportJobTiming: ExportJobTiming = {
  pendingMs: 300,
  processingMs: 1200,
  outcome: "completed",
};

/**
 * The tenant's users-export jobs. A job moves from `pending` to `processing` to `completed` (or
 * `failed`) as the clock passes its timing; once completed, each read of it carries a fresh
 * signed `location` on this server's export path, which serves the file with no API token.
 */
export class ExportJobs {
  readonly #jobs = new Map<string, ExportJob>();
  readonly #signingKey = randomBytes(32);
  readonly #clock: () => number;
  readonly #origin: string;
  #timing: ExportJobTiming = { ...defaultExportJobTiming };

  constructor(options: { clock: () => number; origin: string }) {
    this.#clock = options.clock;
    this.#origin = options.origin;
  }

  /** Sets how jobs created from now on progress and end. */
  configure(timing: Partial<ExportJobTiming>): void {
    this.#timing = { ...this.#timing, ...timing };
  }

  create(request: ExportJobRequest, users: readonly Readonly<StoredUser>[]): ExportJobView {
    const id = `job_${randomAlphanumeric(16)}`;
    const limited = request.limit === undefined ? users : users.slice(0, request.limit);
    const job = { id, request, createdAtMs: this.#clock(), timing: this.#timing, users: limited };
    this.#jobs.set(id, job);
    return this.#view(job);
  }

  /** `undefined` for an unknown job, or one deleted 24 hours after it was created. */
  get(id: string): ExportJobView | undefined {
    const job = this.#live(id);
    return job ? this.#view(job) : undefined;
  }

  /** Serves `GET /user-exports/{job}/{file}?Expires=...&Signature=...`. */
  download(pathname: string, search: URLSearchParams): ExportDownload {
    const expires = Number(search.get("Expires"));
    const signature = search.get("Signature") ?? "";
    if (!this.#signatureValid(pathname, search.get("Expires") ?? "", signature)) {
      return { ok: false, status: 403, code: "AccessDenied", message: "Access denied" };
    }
    if (!(expires * 1000 > this.#clock())) {
      return { ok: false, status: 403, code: "AccessDenied", message: "Request has expired" };
    }
    const [jobId, filename] = pathname.slice(exportDownloadPrefix.length).split("/");
    const job = this.#live(jobId ?? "");
    if (!job || this.#status(job) !== "completed" || !filename) {
      return {
        ok: false,
        status: 404,
        code: "NoSuchKey",
        message: "The specified key does not exist.",
      };
    }
    return {
      ok: true,
      file: exportFileStream(job.users, job.request.format, job.request.fields),
      filename,
    };
  }

  #live(id: string): ExportJob | undefined {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    if (this.#clock() - job.createdAtMs < jobLifetimeMs) return job;
    this.#jobs.delete(id);
    return undefined;
  }

  #elapsedMs(job: ExportJob): number {
    return this.#clock() - job.createdAtMs;
  }

  #status(job: ExportJob): ExportJobStatus {
    const elapsed = this.#elapsedMs(job);
    if (elapsed < job.timing.pendingMs) return "pending";
    if (elapsed < job.timing.pendingMs + job.timing.processingMs) return "processing";
    return job.timing.outcome;
  }

  #view(job: ExportJob): ExportJobView {
    const { request } = job;
    const status = this.#status(job);
    const view: ExportJobView = {
      type: "users_export",
      status,
      ...(request.connection
        ? { connection_id: request.connection.id, connection: request.connection.name }
        : { connection: allConnections }),
      format: request.format,
      ...(request.limit === undefined ? {} : { limit: request.limit }),
      ...(request.fields ? { fields: structuredClone(request.fields) } : {}),
      created_at: new Date(job.createdAtMs).toISOString(),
      id: job.id,
    };
    if (status === "processing") {
      const processed = this.#elapsedMs(job) - job.timing.pendingMs;
      view.percentage_done = Math.floor((100 * processed) / job.timing.processingMs);
      view.time_left_seconds = Math.ceil((job.timing.processingMs - processed) / 1000);
    } else if (status === "completed") {
      view.percentage_done = 100;
      view.time_left_seconds = 0;
      view.location = this.#signedLocation(job);
    } else if (status === "failed") {
      view.status_details = "The export job failed.";
    }
    return view;
  }

  #signedLocation(job: ExportJob): string {
    const extension = job.request.format === "json" ? "json.gz" : "csv.gz";
    const pathname = `${exportDownloadPrefix}${job.id}/local-tenant.${extension}`;
    const expires = String(Math.floor(this.#clock() / 1000) + locationLifetimeSeconds);
    const signature = this.#sign(pathname, expires);
    return `${this.#origin}${pathname}?Expires=${expires}&Signature=${signature}`;
  }

  #sign(pathname: string, expires: string): string {
    return createHmac("sha256", this.#signingKey)
      .update(`${pathname}\n${expires}`)
      .digest("base64url");
  }

  #signatureValid(pathname: string, expires: string, signature: string): boolean {
    const expected = Buffer.from(this.#sign(pathname, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphanumeric[byte % alphanumeric.length]).join("");
}
