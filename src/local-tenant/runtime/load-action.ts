import { existsSync, readFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { compileFunction } from "node:vm";
import type { PostLoginActionModule, PostLoginHandler } from "../../actions-platform/post-login";
import { projectRoot } from "../../project-root";
import { describeThrown, type RuntimeError } from "./runtime-error";

export interface ActionDependency {
  name: string;
  version: string;
}

export type { PostLoginHandler } from "../../actions-platform/post-login";

export interface LoadActionOptions {
  code: string;
  filename: string;
  dependencies: ActionDependency[];
  console: Console;
  /** Folder whose node_modules provide the dependencies; defaults to this project's root. */
  resolveFrom?: string;
}

export type LoadActionResult =
  | ({ ok: true } & PostLoginActionModule)
  | { ok: false; error: RuntimeError };

const moduleWrapperParameters = [
  "exports",
  "require",
  "module",
  "__filename",
  "__dirname",
  "console",
];

/**
 * Runs a built Action bundle the way Auth0 does: a CommonJS module, compiled in this realm so
 * `fetch`, `AbortSignal` and `Error` are the real ones, allowed to require only Node's built-ins
 * and its declared npm dependencies.
 */
export function loadActionModule(options: LoadActionOptions): LoadActionResult {
  const projectRequire = createRequire(join(options.resolveFrom ?? projectRoot, "package.json"));
  const dependencyError = checkInstalledVersions(options.dependencies, projectRequire);
  if (dependencyError) return { ok: false, error: dependencyError };

  const module = { exports: {} as Record<string, unknown> };
  try {
    const moduleFunction = compileFunction(options.code, moduleWrapperParameters, {
      filename: options.filename,
    });
    moduleFunction.call(
      module.exports,
      module.exports,
      restrictedRequire(options.dependencies, projectRequire),
      module,
      options.filename,
      dirname(options.filename),
      options.console,
    );
  } catch (thrown) {
    return {
      ok: false,
      error: { code: "module_load_failed", message: describeThrown(thrown) },
    };
  }

  const handler = module.exports.onExecutePostLogin;
  if (typeof handler !== "function") {
    return {
      ok: false,
      error: { code: "handler_missing", message: "The Action does not export onExecutePostLogin" },
    };
  }
  const onContinue = module.exports.onContinuePostLogin;
  return {
    ok: true,
    onExecutePostLogin: handler as PostLoginHandler,
    ...(typeof onContinue === "function"
      ? { onContinuePostLogin: onContinue as PostLoginHandler }
      : {}),
  };
}

function restrictedRequire(
  dependencies: ActionDependency[],
  projectRequire: NodeJS.Require,
): (specifier: string) => unknown {
  return (specifier) => {
    if (isBuiltin(specifier) || isDeclared(specifier, dependencies)) {
      return projectRequire(specifier);
    }
    throw moduleNotFound(specifier);
  };
}

function isDeclared(specifier: string, dependencies: ActionDependency[]): boolean {
  return dependencies.some(({ name }) => specifier === name || specifier.startsWith(`${name}/`));
}

function moduleNotFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find module '${specifier}'`), {
    code: "MODULE_NOT_FOUND",
  });
}

function checkInstalledVersions(
  dependencies: ActionDependency[],
  projectRequire: NodeJS.Require,
): RuntimeError | undefined {
  for (const { name, version } of dependencies) {
    const installed = installedVersion(name, projectRequire);
    if (installed === undefined) {
      return {
        code: "dependency_not_installed",
        message: `Dependency ${name}@${version} is declared but not installed`,
      };
    }
    if (installed !== version) {
      return {
        code: "dependency_version_mismatch",
        message: `Dependency ${name} is declared at version ${version} but version ${installed} is installed`,
      };
    }
  }
  return undefined;
}

// Read the manifest from disk: packages with an `exports` map often do not export it.
function installedVersion(name: string, projectRequire: NodeJS.Require): string | undefined {
  for (const folder of projectRequire.resolve.paths(name) ?? []) {
    const manifestPath = join(folder, name, "package.json");
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: string };
      return manifest.version;
    }
  }
  return undefined;
}
