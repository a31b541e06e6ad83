import { createServer } from 'node:http'

import next from 'next'

import type { Config } from './config'
import type { Logger } from './logger'
import { attachSocketServer } from './realtime/socket-server'
import type { Runtime } from './runtime'

/**
 * One HTTP server on one port for the pages, the API and Socket.IO. The Next handler is added
 * first because Socket.IO wraps the existing request listeners and takes only its own path.
 */
export async function startHttpServer(config: Config, runtime: Runtime, logger: Logger) {
  const log = logger.child({ module: 'http' })
  const httpServer = createServer()
  const app = next({
    dev: config.dev,
    dir: process.cwd(),
    hostname: config.host,
    port: config.port,
    httpServer,
  })
  const handle = app.getRequestHandler()
  await app.prepare()

  httpServer.on('request', (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'request failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  const io = attachSocketServer(httpServer, { directory: runtime.directory, logger })
  runtime.attachFeed(io)

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, () => resolve())
  })
  const shownHost =
    config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host
  log.info({ url: `http://${shownHost}:${config.port}`, dev: config.dev }, 'command center ready')

  return {
    async close() {
      await io.close()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await app.close()
    },
  }
}
