import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { loadConfig } from '@/server/config'
import { createLogger } from '@/server/logger'
import { startRuntime, type Runtime } from '@/server/runtime'
import { registerRuntime } from '@/server/runtime-handle'

/**
 * Starts the whole runtime on the embedded adapters in a fresh temporary data folder, with
 * the simulator off, and registers it for the route handlers under test.
 */
export async function startTestRuntime(environment: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crowdwatch-test-'))
  const config = loadConfig(
    { SIMULATOR: 'off', PUSH_INTERVAL_MS: '100', ...environment, DATA_DIR: dataDir },
    { dev: false },
  )
  process.env.LOG_FORMAT = 'json'
  const runtime: Runtime = await startRuntime(config, createLogger('silent'))
  registerRuntime(runtime)

  return {
    runtime,
    async stop() {
      registerRuntime(undefined)
      await runtime.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Polls until a condition holds; fails with the last value seen after the timeout. */
export async function waitUntil<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T = await read()
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 500)}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
    last = await read()
  }

  return last
}
