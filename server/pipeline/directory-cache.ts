import type { Officer, Station } from '@/lib/directory'

import type { Logger } from '../logger'
import type { Directory } from '../ports/directory'

const REFRESH_MS = 5 * 60_000

/**
 * Stations and officers as last read from the directory. Alerts are routed from here, so a
 * directory outage never holds an alert back: the last good read is used and the outage logged.
 */
export function createDirectoryCache(deps: {
  directory: Directory
  logger: Logger
  now?: () => number
}) {
  const log = deps.logger.child({ module: 'directory-cache' })
  const now = deps.now ?? Date.now
  let stations: Station[] = []
  let officers: Officer[] = []
  let readAt = Number.NEGATIVE_INFINITY

  async function refresh(): Promise<void> {
    try {
      const [freshStations, freshOfficers] = await Promise.all([
        deps.directory.listStations(),
        deps.directory.listOfficers(),
      ])
      stations = freshStations
      officers = freshOfficers
      readAt = now()
    } catch (error) {
      log.warn(
        { err: error, lastGoodAgeMs: now() - readAt },
        'directory unavailable, routing on the last good read',
      )
    }
  }

  async function ensureFresh() {
    if (now() - readAt >= REFRESH_MS) await refresh()
  }

  return {
    refresh,
    async listStations(): Promise<Station[]> {
      await ensureFresh()

      return stations
    },
    async listOfficers(): Promise<Officer[]> {
      await ensureFresh()

      return officers
    },
  }
}

export type DirectoryCache = ReturnType<typeof createDirectoryCache>
