/**
 * Reads a tool's settings from its arguments. Bad arguments print the reason and the usage
 * (exit code 2); `--help` prints the usage (exit code 0); either way there is nothing to run.
 */
export function readCommandLine<T>(
  argv: string[],
  readSettings: (argv: string[]) => T | 'help',
  usage: string,
): { settings: T } | { exitCode: number } {
  let settings: T | 'help'
  try {
    settings = readSettings(argv)
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)

    return { exitCode: 2 }
  }
  if (settings === 'help') {
    console.log(usage)

    return { exitCode: 0 }
  }

  return { settings }
}
