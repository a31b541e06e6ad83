import { buildIfNeeded } from './build-if-needed'
import { ConfigError, loadConfig } from './config'
import { startHttpServer } from './http-server'
import { createLogger } from './logger'
import { startRuntime } from './runtime'
import { registerRuntime } from './runtime-handle'

/** Starts the command center: checks the configuration, builds if needed, then serves. */
async function main() {
  // A command center reports to nobody outside it: no usage telemetry from the framework.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const dev = process.argv.includes('--dev')
  const config = readConfigOrExit(dev)
  const logger = createLogger(config.logLevel)
  const log = logger.child({ module: 'main' })

  if (!dev) await buildIfNeeded(process.cwd(), logger)
  const runtime = await startRuntime(config, logger)
  registerRuntime(runtime)
  const server = await startHttpServer(config, runtime, logger)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'stopping')
    await server.close()
    await runtime.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

function readConfigOrExit(dev: boolean) {
  try {
    return loadConfig(process.env, { dev })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Crowdwatch failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  )
  process.exit(1)
})
