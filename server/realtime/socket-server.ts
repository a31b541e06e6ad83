import type { Server as HttpServer } from 'node:http'

import { Server } from 'socket.io'

import type { FeedScope } from '@/lib/socket-events'

import type { Logger } from '../logger'
import type { Directory } from '../ports/directory'
import { STAFF_ROOM, stationRoom, type FeedServer } from './broadcaster'

/**
 * Attaches Socket.IO to the HTTP server that also serves the pages. It answers only its own
 * path and leaves every other upgrade alone (`destroyUpgrade: false`), so Next's hot-reload
 * socket keeps working in development.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  deps: { directory: Directory; logger: Logger },
): FeedServer {
  const log = deps.logger.child({ module: 'socket' })
  const io: FeedServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    destroyUpgrade: false,
    // A phone that drops off the network is noticed within 15 s rather than the default 45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
  })

  io.on('connection', (socket) => {
    log.debug({ socketId: socket.id, address: socket.handshake.address }, 'browser connected')

    socket.on('feed:subscribe', async (feed: FeedScope, done) => {
      const reply = typeof done === 'function' ? done : () => undefined
      const room = await chooseRoom(feed, deps.directory).catch((error: unknown) => {
        log.warn({ err: error }, 'station list unavailable for a feed subscription')

        return { ok: false as const, error: 'the station directory is unavailable; try again' }
      })
      if (!room.ok) {
        reply({ ok: false, error: room.error })
        return
      }

      for (const joined of socket.rooms) {
        if (joined !== socket.id) await socket.leave(joined)
      }
      await socket.join(room.name)
      reply({ ok: true })
    })

    socket.on('disconnect', (reason) => {
      log.debug({ socketId: socket.id, reason }, 'browser disconnected')
    })
  })

  return io
}

async function chooseRoom(
  feed: FeedScope,
  directory: Directory,
): Promise<{ ok: true; name: string } | { ok: false; error: string }> {
  if (feed?.scope === 'staff') return { ok: true, name: STAFF_ROOM }
  if (feed?.scope !== 'station' || typeof feed.stationId !== 'string') {
    return {
      ok: false,
      error: "feed must be { scope: 'staff' } or { scope: 'station', stationId }",
    }
  }

  const stations = await directory.listStations()
  if (!stations.some((station) => station.stationId === feed.stationId)) {
    return { ok: false, error: `no station ${feed.stationId.slice(0, 64)}` }
  }

  return { ok: true, name: stationRoom(feed.stationId) }
}
