import type { Venue } from '@/lib/venue'

import type { Logger } from '../logger'
import {
  DEFAULT_DRONES,
  DEFAULT_SEED,
  createFleet,
  stepFleet,
  type Fleet,
  type FleetEvent,
} from './fleet'

export type SimulatorOptions = {
  venue: Venue
  drones?: number
  /** Time between two reports of a drone. */
  intervalMs?: number
  seed?: number
  /** The clock; reports carry its time, so the live map sees them as current. */
  now?: () => number
  /** Hands a batch of raw reports to the same door as POST /api/reports. */
  publish: (reports: object[]) => Promise<void>
  logger?: Logger
}

export type Simulator = {
  start(): void
  stop(): void
  status(): { running: boolean; drones: number }
}

export const DEFAULT_INTERVAL_MS = 1_000

/** Failures in a row between two reminders in the log, so a dead ingest does not flood it. */
const WARN_EVERY_FAILURES = 60

/**
 * A fleet of simulated drones flying the demo scenario in real time: every interval each
 * airborne drone reports the patch under it. The scenario starts at `start()`, so a new user
 * sees the bridge surge build within the first minute.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const drones = options.drones ?? DEFAULT_DRONES
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  if (!Number.isFinite(intervalMs) || intervalMs < 10) {
    throw new Error(`intervalMs must be at least 10 ms, got ${intervalMs}`)
  }

  const seed = options.seed ?? DEFAULT_SEED
  const now = options.now ?? Date.now
  const log = options.logger?.child({ module: 'simulator' })
  let fleet: Fleet | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false
  let failures = 0

  async function tick() {
    timer = null
    if (!running || !fleet) return

    const startedAt = now()
    const step = stepFleet(fleet, startedAt)
    fleet = step.fleet
    step.events.forEach(logEvent)
    await publish(step.reports)

    if (!running) return
    // Keep the cadence: a slow publish shortens the wait instead of stretching the interval.
    timer = setTimeout(tick, Math.max(0, intervalMs - (now() - startedAt)))
  }

  async function publish(reports: object[]) {
    try {
      await options.publish(reports)
      if (failures > 0) log?.info({ failures }, 'simulator reports accepted again')
      failures = 0
    } catch (error) {
      failures += 1
      if (failures === 1 || failures % WARN_EVERY_FAILURES === 0) {
        log?.warn(
          { err: error, failures, reports: reports.length },
          'simulator could not publish reports',
        )
      }
    }
  }

  function logEvent(event: FleetEvent) {
    if (!log) return
    switch (event.type) {
      case 'returning':
        log.info(event, 'drone returning to base on reserve battery')
        break
      case 'landed':
        log.debug(event, 'drone landed for a battery swap')
        break
      case 'airborne':
        log.info(event, 'drone back in the air with a fresh battery')
        break
      case 'covering':
        log.info(event, 'drone stands in over a watched sector')
        break
      case 'cover-ended':
        log.info(event, 'drone back to its own sectors')
        break
      case 'unwatched':
        log.warn(event, 'no drone free to stand in: a watched sector goes unobserved')
        break
    }
  }

  return {
    start() {
      if (running) return
      running = true
      fleet ??= createFleet(options.venue, { startMs: now(), drones, seed })
      log?.info({ drones, intervalMs, seed, venue: options.venue.id }, 'simulator started')
      timer = setTimeout(tick, 0)
    },
    stop() {
      if (!running) return
      running = false
      if (timer) clearTimeout(timer)
      timer = null
      log?.info('simulator stopped')
    },
    status() {
      return { running, drones }
    },
  }
}
