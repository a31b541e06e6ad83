import { mkdir } from 'node:fs/promises'
import path from 'node:path'

import { createCellObserver } from '@/lib/cell-state'
import type { Venue } from '@/lib/venue'

import type { Config } from './config'
import { createFolderArchive } from './embedded/folder-archive'
import { createSeedDirectory } from './embedded/seed-directory'
import { createSqliteBus } from './embedded/sqlite-bus'
import { createSqliteHistory } from './embedded/sqlite-history'
import { createSqliteLiveStore } from './embedded/sqlite-live-store'
import { createHealthReader } from './health'
import type { Logger } from './logger'
import { createAlertDesk } from './pipeline/alert-desk'
import { createAlertsWorker } from './pipeline/alerts-worker'
import { createArchiver } from './pipeline/archiver'
import { createDirectoryCache } from './pipeline/directory-cache'
import { createIngest } from './pipeline/ingest'
import { createLiveStateWorker } from './pipeline/live-state-worker'
import { createRejectedKeeper } from './pipeline/rejected-keeper'
import { createSequence } from './pipeline/sequence'
import { DEFAULT_TOPICS, GROUPS, type Topics } from './pipeline/topics'
import type { Archive } from './ports/archive'
import type { Bus, Consumer } from './ports/bus'
import type { Directory } from './ports/directory'
import type { History } from './ports/history'
import type { LiveStore } from './ports/live-store'
import { createBroadcaster, type FeedServer } from './realtime/broadcaster'
import { createSimulator } from './simulator/simulator'
import { loadVenue } from './venue/load-venue'

export type Ports = {
  bus: Bus
  liveStore: LiveStore
  history: History
  archive: Archive
  directory: Directory
}

/** The embedded adapters: everything in files under the data folder, nothing to install. */
export async function openEmbeddedPorts(config: Config, logger: Logger): Promise<Ports> {
  await mkdir(config.dataDir, { recursive: true })
  const file = (name: string) => path.join(config.dataDir, name)

  return {
    bus: createSqliteBus({ file: file('bus.sqlite'), logger }),
    liveStore: createSqliteLiveStore({ file: file('live.sqlite') }),
    history: createSqliteHistory({
      file: file('history.sqlite'),
      retentionMs: config.historyRetentionMs,
      logger,
    }),
    archive: createFolderArchive({ root: file('lake'), logger }),
    directory: await createSeedDirectory({ file: config.directorySeedFile }),
  }
}

/**
 * The composition root: opens the ports, starts the consumer groups, the archiver and the
 * simulator, and hands route handlers what they need. Nothing else wires components together.
 */
export async function startRuntime(
  config: Config,
  logger: Logger,
  options: { ports?: Ports; topics?: Topics; venue?: Venue } = {},
) {
  const log = logger.child({ module: 'runtime' })
  const startedAt = Date.now()
  const venue = options.venue ?? (await loadVenue(config.venueFile))
  const topics = options.topics ?? DEFAULT_TOPICS
  const ports = options.ports ?? (await openEmbeddedPorts(config, logger))
  const observer = createCellObserver(venue, {
    resolution: config.cellResolution,
    bandTable: config.bandTable,
  })
  const nextSeq = createSequence()
  const broadcaster = createBroadcaster({ intervalMs: config.pushIntervalMs, logger })
  const directoryCache = createDirectoryCache({ directory: ports.directory, logger })
  await directoryCache.refresh()

  const ingest = createIngest({
    bus: ports.bus,
    topics,
    settings: {
      maxReportBytes: config.maxReportBytes,
      maxFutureSkewMs: config.maxFutureSkewMs,
      operatingArea: { center: venue.center, radiusKm: venue.operatingRadiusKm },
    },
    logger,
  })
  const liveState = createLiveStateWorker({ ...ports, topics, observer, broadcaster, logger })
  const alerts = createAlertsWorker({
    ...ports,
    topics,
    directory: directoryCache,
    observer,
    rule: config.densityRule,
    timeZone: venue.timeZone,
    broadcaster,
    nextSeq,
    logger,
  })
  const rejectedKeeper = createRejectedKeeper({ history: ports.history, logger })
  const alertDesk = createAlertDesk({ ...ports, topics, broadcaster, nextSeq, logger })
  const archiver = createArchiver({ ...ports, logger })

  await liveState.warmUp()
  await alerts.warmUp()
  const consumers: Consumer[] = await Promise.all([
    ports.bus.subscribe({
      groupId: GROUPS.liveState,
      topic: topics.reports,
      handleBatch: liveState.handleBatch,
    }),
    // The alerts group stays light and separate, so an ingest backlog never delays an alert.
    ports.bus.subscribe({
      groupId: GROUPS.alerts,
      topic: topics.reports,
      handleBatch: alerts.handleBatch,
    }),
    ports.bus.subscribe({
      groupId: GROUPS.rejectedKeeper,
      topic: topics.rejected,
      handleBatch: rejectedKeeper.handleBatch,
    }),
  ])
  archiver.start(config.archiveIntervalMs)

  const simulator = config.simulator.enabled
    ? createSimulator({
        venue,
        drones: config.simulator.drones,
        intervalMs: config.simulator.intervalMs,
        publish: async (reports: object[]) => {
          await ingest.acceptObjects(reports, 'simulator')
        },
        logger,
      })
    : null
  simulator?.start()
  const readHealth = createHealthReader(ports, {
    startedAt,
    readSimulator: () => (simulator ? simulator.status() : null),
  })
  log.info(
    { venue: venue.name, simulator: Boolean(simulator), dataDir: config.dataDir },
    'runtime started',
  )

  return {
    config,
    logger,
    venue,
    topics,
    ...ports,
    ingest,
    alertDesk,
    archiver,
    simulator,
    /** Starts pushing live changes through the Socket.IO server once it exists. */
    attachFeed(io: FeedServer) {
      broadcaster.attach(io)
    },
    readHealth,
    async stop() {
      simulator?.stop()
      archiver.stop()
      await Promise.all(consumers.map((consumer) => consumer.stop()))
      broadcaster.stop()
      await Promise.all(Object.values(ports).map((port) => port.close()))
      log.info('runtime stopped')
    },
  }
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>
