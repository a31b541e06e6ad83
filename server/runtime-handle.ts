import type { Runtime } from './runtime'

/**
 * Route handlers are bundled by Next apart from the custom server, so module state is not
 * shared between them; the process-wide global is. The server registers its runtime here and
 * handlers find it through this one function.
 */
const KEY = Symbol.for('crowdwatch.runtime')

type Holder = { [KEY]?: Runtime }

export function registerRuntime(runtime: Runtime | undefined): void {
  ;(globalThis as Holder)[KEY] = runtime
}

/** The running server's ports and services, for route handlers. */
export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY]
  if (!runtime) throw new Error('Crowdwatch runtime not started: run the server with `npm start`')

  return runtime
}
