import { ManagementApiError } from "../management-api-error";
import type { ApiKind, ApiResponse } from "./route";

export interface ManagementErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
  attributes?: { error: string };
}

const reasonPhrases: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return reasonPhrases[status] ?? "Error";
}

export function managementError(
  status: number,
  message: string,
  errorCode?: string,
): ApiResponse & { body: ManagementErrorBody } {
  return {
    status,
    body: {
      statusCode: status,
      error: reasonPhrase(status),
      message,
      ...(errorCode === undefined ? {} : { errorCode }),
    },
  };
}

export function oauthError(status: number, error: string, description: string): ApiResponse {
  return { status, body: { error, error_description: description } };
}

/** Auth0's 401 for a bearer token that fails JSON Web Token validation. */
export function invalidTokenError(message: string): ApiResponse {
  return {
    status: 401,
    body: { statusCode: 401, error: "Unauthorized", message, attributes: { error: message } },
  };
}

export function fromManagementApiError(error: ManagementApiError): ApiResponse {
  return managementError(error.statusCode, error.message, error.errorCode);
}

export function tooManyRequests(api: ApiKind): ApiResponse {
  const message = "Global limit has been reached";
  return api === "management"
    ? managementError(429, message, "too_many_requests")
    : oauthError(429, "too_many_requests", message);
}

export function serverError(status: number): ApiResponse {
  return managementError(status, reasonPhrase(status));
}

export function isManagementApiError(error: unknown): error is ManagementApiError {
  return error instanceof ManagementApiError;
}
