import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type CertificateAuthority, createCertificateAuthority } from "../certificates";
import {
  type ExportDownload,
  ExportJobs,
  type ExportJobTiming,
  exportDownloadPrefix,
} from "../export-jobs/export-jobs";
import type { TenantState } from "../tenant-state";
import { createAccessTokenAuthority } from "./access-tokens";
import { serverError } from "./errors";
import { FaultInjector } from "./faults";
import {
  handleRequest,
  type RequestHandlingResult,
  type RequestOutcome,
  type TenantServices,
} from "./handle-request";
import type { ScopeAnswers } from "./openapi/scopes";
import {
  defaultAuthenticationRateLimit,
  defaultManagementRateLimit,
  RateLimiter,
  type RateLimitOptions,
} from "./rate-limiter";
import { readRawBody } from "./request-body";
import { RequestLog } from "./request-log";
import type { ApiResponse, Route } from "./route";
import { defaultRoutes } from "./routes";

export interface ManagementApiOptions {
  state: TenantState;
  /** The Management API bucket; `false` turns rate limiting off. */
  rateLimit?: RateLimitOptions | false;
  /** The `/oauth/token` bucket; `false` turns it off. */
  tokenRateLimit?: RateLimitOptions | false;
  /** Reuse a CA the caller already trusts; otherwise a new one is made. */
  ca?: CertificateAuthority;
  /** `expires_in` of issued access tokens. */
  tokenLifetimeSeconds?: number;
  /** Milliseconds since the epoch; lets tests move time for token expiry and rate limits. */
  clock?: () => number;
  /** Served after the default routes. */
  routes?: readonly Route[];
  /** The port to listen on; a free one when absent or 0. */
  port?: number;
  /** How users-export jobs progress; `exportJobs.configure` changes it later. */
  exportJobTiming?: Partial<ExportJobTiming>;
  /** Which scopes an operation accepts (see ScopeAnswers); the specification's `security` by default. */
  scopeAnswers?: ScopeAnswers;
}

/**
 * Another service on the tenant's origin (the login side: `/authorize`, `/continue`, ...). It
 * answers a request itself, or leaves it to the Management API, handing back the body when it
 * had to read it to decide.
 */
export interface FrontChannel {
  take(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ taken: true } | { taken: false; body?: Buffer }>;
}

/** A request handed to the emulator without a socket (see in-process-dispatcher.ts). */
export interface InProcessRequest {
  method: string;
  /** Path and query, as in an HTTP request line. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ManagementApiServer {
  /** `localhost:PORT`, what `AUTH0_DOMAIN` is set to. */
  domain: string;
  /** `https://localhost:PORT` */
  origin: string;
  caPem: string;
  state: TenantState;
  requestLog: RequestLog;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  exportJobs: ExportJobs;
  /** Answers a request as the HTTPS server would, logged the same way, without a socket. */
  answerInProcess(request: InProcessRequest): Promise<RequestOutcome>;
  /** Serves `frontChannel` on this origin, before the Management API's routes. */
  mount(frontChannel: FrontChannel): void;
  close(): Promise<void>;
}

const defaultTokenLifetimeSeconds = 86_400;
const hostname = "localhost";

export async function startManagementApi(
  options: ManagementApiOptions,
): Promise<ManagementApiServer> {
  const ca = options.ca ?? (await createCertificateAuthority());
  const { keyPem, certPem } = await ca.issueServerCertificate([hostname, "127.0.0.1"]);
  const clock = options.clock ?? Date.now;
  const requestLog = new RequestLog();
  const faults = new FaultInjector();
  const rateLimiter = new RateLimiter(
    {
      management: options.rateLimit ?? defaultManagementRateLimit,
      authentication: options.tokenRateLimit ?? defaultAuthenticationRateLimit,
    },
    clock,
  );
  // The domain is only known once listening, and the services need it.
  let services: TenantServices | undefined;
  let frontChannel: FrontChannel | undefined;

  const server = createServer({ key: keyPem, cert: certPem }, (request, response) => {
    if (!services) {
      response.destroy();
      return;
    }
    void serve(services, requestLog, request, response, frontChannel);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const domain = `${hostname}:${port}`;
  const exportJobs = new ExportJobs({ clock, origin: `https://${domain}` });
  if (options.exportJobTiming) exportJobs.configure(options.exportJobTiming);
  const ready: TenantServices = {
    state: options.state,
    exportJobs,
    domain,
    managementAudience: `https://${domain}/api/v2/`,
    routes: [...defaultRoutes, ...(options.routes ?? [])],
    faults,
    rateLimiter,
    accessTokens: createAccessTokenAuthority({
      issuer: `https://${domain}/`,
      lifetimeSeconds: options.tokenLifetimeSeconds ?? defaultTokenLifetimeSeconds,
      clock,
    }),
    clock,
    scopeAnswers: options.scopeAnswers ?? "security",
  };
  services = ready;

  return {
    domain,
    origin: `https://${domain}`,
    caPem: ca.caPem,
    state: options.state,
    requestLog,
    faults,
    rateLimiter,
    exportJobs,
    answerInProcess: (request) =>
      answer(ready, requestLog, {
        method: request.method,
        target: request.path,
        headers: request.headers,
        readBody: async () => request.body,
      }),
    mount(channel) {
      frontChannel = channel;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  services: TenantServices,
  requestLog: RequestLog,
  request: IncomingMessage,
  response: ServerResponse,
  frontChannel: FrontChannel | undefined,
): Promise<void> {
  const front = frontChannel ? await frontChannel.take(request, response) : { taken: false };
  if (front.taken) return;
  const readBody = "body" in front && front.body ? front.body : undefined;
  const outcome = await answer(services, requestLog, {
    method: request.method ?? "GET",
    target: request.url ?? "/",
    headers: request.headers,
    readBody: readBody ? async () => readBody : () => readRawBody(request),
  });
  if (outcome.kind === "destroy-socket") {
    request.socket.destroy();
  } else {
    await writeResponse(response, outcome.response);
  }
}

interface RequestToAnswer {
  method: string;
  /** Path and query. */
  target: string;
  headers: IncomingHttpHeaders;
  readBody(): Promise<Buffer>;
}

async function answer(
  services: TenantServices,
  requestLog: RequestLog,
  request: RequestToAnswer,
): Promise<RequestOutcome> {
  const startedAt = performance.now();
  const at = new Date(services.clock()).toISOString();
  const url = new URL(request.target, `https://${services.domain}`);
  const result = url.pathname.startsWith(exportDownloadPrefix)
    ? serveExportFile(services.exportJobs, url)
    : await handleSafely(services, request, url);
  const { outcome } = result;
  requestLog.record({
    method: request.method,
    path: url.pathname,
    endpointKey: result.endpointKey,
    status: outcome.kind === "answer" ? outcome.response.status : 0,
    durationMs: performance.now() - startedAt,
    at,
    ...(result.fault ? { fault: result.fault } : {}),
  });
  return outcome;
}

/**
 * The export file host: on Auth0 another host serving signed URLs, here a path of this server.
 * No API token and no Management API rate limit; an expired or forged URL gets 403.
 */
function serveExportFile(exportJobs: ExportJobs, url: URL): RequestHandlingResult {
  return {
    endpointKey: "export-download",
    outcome: {
      kind: "answer",
      response: exportFileResponse(exportJobs.download(url.pathname, url.searchParams)),
    },
  };
}

function exportFileResponse(download: ExportDownload): ApiResponse {
  if (download.ok) {
    return {
      status: 200,
      headers: {
        "content-type": "application/gzip",
        "content-disposition": `attachment; filename="${download.filename}"`,
      },
      stream: () => download.file,
    };
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${download.code}</Code><Message>${download.message}</Message></Error>`;
  return {
    status: download.status,
    headers: { "content-type": "application/xml" },
    stream: () => Readable.from([xml]),
  };
}

async function handleSafely(
  services: TenantServices,
  request: RequestToAnswer,
  url: URL,
): Promise<RequestHandlingResult> {
  try {
    const rawBody = await request.readBody();
    return await handleRequest(services, {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      rawBody,
    });
  } catch {
    // Only reading the body can fail here (client gone, or body too large).
    return { endpointKey: "unmatched", outcome: { kind: "answer", response: serverError(500) } };
  }
}

/** The status, headers and body text an answer goes out with, over HTTPS or in process. */
export function encodeResponse(apiResponse: ApiResponse): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const body = apiResponse.body === undefined ? "" : JSON.stringify(apiResponse.body);
  return {
    status: apiResponse.status,
    headers: {
      ...apiResponse.headers,
      ...(body ? { "content-type": "application/json; charset=utf-8" } : {}),
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  };
}

async function writeResponse(response: ServerResponse, apiResponse: ApiResponse): Promise<void> {
  if (apiResponse.stream) {
    response.writeHead(apiResponse.status, apiResponse.headers);
    await pipeline(apiResponse.stream(), response).catch(() => response.destroy());
    return;
  }
  const { status, headers, body } = encodeResponse(apiResponse);
  response.writeHead(status, headers);
  response.end(body);
}
