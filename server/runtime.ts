import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { hostname } from 'node:os'
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
import { startFeed } from './pipeline/feed'
import { createIngest } from './pipeline/ingest'
import { createLivePublisher } from './pipeline/live-publisher'
import { createLiveStateWorker } from './pipeline/live-state-worker'
import { createRejectedKeeper } from './pipeline/rejected-keeper'
import { createSequence } from './pipeline/sequence'
import { feedGroup, nameTopicsAndGroups, type Topics } from './pipeline/topics'
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
  options: { ports?: Ports; topics?: Topics; venue?: Venue; instanceId?: string } = {},
) {
  const instanceId = options.instanceId ?? createInstanceId()
  const log = logger.child({ module: 'runtime', instanceId })
  const startedAt = Date.now()
  const venue = options.venue ?? (await loadVenue(config.venueFile))
  const naming = nameTopicsAndGroups(config.stack.kafka?.namespace ?? '')
  const topics = options.topics ?? naming.topics
  const groups = naming.groups
  const ports = options.ports ?? (await openEmbeddedPorts(config, logger))
  const observer = createCellObserver(venue, {
    resolution: config.cellResolution,
    bandTable: config.bandTable,
  })
  const nextSeq = createSequence()
  // Browsers get at most four pushes a second, however many instances publish changes.
  const broadcaster = createBroadcaster({
    intervalMs: Math.min(250, config.pushIntervalMs),
    logger,
  })
  const livePublisher = createLivePublisher({
    bus: ports.bus,
    topic: topics.live,
    instanceId,
    intervalMs: config.pushIntervalMs,
    logger,
  })
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
    observer,
    logger,
  })
  const liveState = createLiveStateWorker({ ...ports, topics, observer, livePublisher, logger })
  const alerts = createAlertsWorker({
    ...ports,
    topics,
    directory: directoryCache,
    observer,
    rule: config.densityRule,
    timeZone: venue.timeZone,
    nextSeq,
    logger,
  })
  const rejectedKeeper = createRejectedKeeper({ history: ports.history, logger })
  const alertDesk = createAlertDesk({ ...ports, topics, nextSeq, logger })
  const archiver = createArchiver({ ...ports, logger })

  await liveState.warmUp()
  await alerts.warmUp()
  // The feed joins first, at the end of its topics, so it misses nothing the groups then do.
  const feed = await startFeed({
    bus: ports.bus,
    topics,
    groupId: feedGroup(naming.prefix, instanceId),
    broadcaster,
    logger,
  })
  livePublisher.start()
  const consumers: Consumer[] = await Promise.all([
    ports.bus.subscribe({
      groupId: groups.liveState,
      topic: topics.reports,
      handleBatch: liveState.handleBatch,
    }),
    // The alerts group stays light and separate, so an ingest backlog never delays an alert.
    ports.bus.subscribe({
      groupId: groups.alerts,
      topic: topics.observations,
      handleBatch: alerts.handleBatch,
    }),
    ports.bus.subscribe({
      groupId: groups.rejectedKeeper,
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
    instanceId,
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
      await livePublisher.stop()
      await Promise.all(feed.map((consumer) => consumer.stop()))
      broadcaster.stop()
      await Promise.all(Object.values(ports).map((port) => port.close()))
      log.info('runtime stopped')
    },
  }
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>

/** A name for this server instance, unique among the instances sharing a bus. */
function createInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
}
