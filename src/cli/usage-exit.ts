/**
 * Reads a command line with `read`, which throws on a usage error (node:util's parseArgs does):
 * the error and the usage go to stderr and the process ends with status 2, before any work.
 */
export function readCommandLine<T>(read: () => T, usage: string): T {
  try {
    return read();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    process.exit(2);
  }
}
