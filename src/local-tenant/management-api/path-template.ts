/**
 * Matches a path against a template segment by segment; `parameterName` says which template
 * segments are parameters (`:id` in the routes, `{id}` in the specification) and their names.
 * Parameter values are URL-decoded and never empty.
 */
export function matchPathTemplate(
  template: string,
  path: string,
  parameterName: (segment: string) => string | undefined,
): Record<string, string> | undefined {
  const templateSegments = template.split("/");
  const pathSegments = path.split("/");
  if (templateSegments.length !== pathSegments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [position, templateSegment] of templateSegments.entries()) {
    const pathSegment = pathSegments[position] ?? "";
    const name = parameterName(templateSegment);
    if (name === undefined) {
      if (templateSegment !== pathSegment) return undefined;
      continue;
    }
    const value = decodeSegment(pathSegment);
    if (value === undefined || value === "") return undefined;
    params[name] = value;
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
