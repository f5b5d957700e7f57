import { matchPathTemplate } from "./path-template";
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
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPathTemplate(route.pattern, path, routeParameterName);
    if (params) return { route, params };
  }
  return undefined;
}

function routeParameterName(segment: string): string | undefined {
  return segment.startsWith(":") ? segment.slice(1) : undefined;
}
