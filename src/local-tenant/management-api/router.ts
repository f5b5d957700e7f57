import type { Route } from "./route";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const segments = path.split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern.split("/"), segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchPattern(
  patternSegments: string[],
  pathSegments: string[],
): Record<string, string> | undefined {
  if (patternSegments.length !== pathSegments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, patternSegment] of patternSegments.entries()) {
    const pathSegment = pathSegments[index] ?? "";
    if (patternSegment.startsWith(":")) {
      const value = decodeSegment(pathSegment);
      if (value === undefined || value === "") return undefined;
      params[patternSegment.slice(1)] = value;
    } else if (patternSegment !== pathSegment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
