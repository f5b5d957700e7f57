import { matchPathTemplate } from "../path-template";
import { managementApiBasePath, type OperationObject, specification } from "./specification";

export interface SpecifiedOperation {
  operationId: string;
  method: string;
  /** The specification's template under `/api/v2`, e.g. `/api/v2/users/{id}/identities`. */
  pathTemplate: string;
  operation: OperationObject;
}

export interface OperationMatch {
  operation: SpecifiedOperation;
  pathParams: Record<string, string>;
}

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

let index: SpecifiedOperation[] | undefined;

/** Every operation the specification describes; literal paths before templated ones. */
export function specifiedOperations(): SpecifiedOperation[] {
  if (index) return index;
  const operations = Object.entries(specification().paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => ({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pathTemplate: `${managementApiBasePath}${path}`,
        operation,
      })),
  );
  operations.sort((a, b) => templatedSegments(a.pathTemplate) - templatedSegments(b.pathTemplate));
  index = operations;
  return operations;
}

/** The specified operation a request is for, found by method and path template. */
export function findOperation(method: string, path: string): OperationMatch | undefined {
  for (const operation of specifiedOperations()) {
    if (operation.method !== method) continue;
    const pathParams = matchPathTemplate(operation.pathTemplate, path, specParameterName);
    if (pathParams) return { operation, pathParams };
  }
  return undefined;
}

export function operationById(operationId: string): SpecifiedOperation | undefined {
  return specifiedOperations().find((operation) => operation.operationId === operationId);
}

function specParameterName(segment: string): string | undefined {
  return /^\{(.+)\}$/.exec(segment)?.[1];
}

function templatedSegments(template: string): number {
  return template.split("/").filter((segment) => segment.startsWith("{")).length;
}
