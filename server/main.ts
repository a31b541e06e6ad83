import { buildIfNeeded } from './build-if-needed'
import { checkPortFree, claimDataDir } from './claim-data-dir'
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

  // Both checks come before anything is opened, so a second server changes nothing.
  await checkPortFree(config.port, config.host)
  const releaseDataDir = await claimDataDir(config.dataDir)

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
    await releaseDataDir()
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
  // The reason is for the operator; the stack only for whoever debugs the server itself.
  const detail =
    error instanceof Error
      ? process.env.LOG_LEVEL === 'debug'
        ? error.stack
        : error.message
      : String(error)
  process.stderr.write(`Crowdwatch failed to start: ${detail}\n`)
  process.exit(1)
})
