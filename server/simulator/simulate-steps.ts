import type { Venue } from '@/lib/venue'

import {
  createFleet,
  stepFleet,
  type Fleet,
  type FleetEvent,
  type FleetOptions,
  type SimulatedReport,
} from './fleet'

/** One tick of a run on a simulated clock. */
export type SimulatedStep = {
  at: number
  fleet: Fleet
  reports: SimulatedReport[]
  events: FleetEvent[]
}

export type SimulatedRunOptions = FleetOptions & { durationMs: number; intervalMs: number }

/**
 * Flies a fleet on a simulated clock, one tick per interval from `startMs` for `durationMs`,
 * as fast as the caller pulls: for replay files, and for tests that need minutes in milliseconds.
 */
export function* simulateSteps(
  venue: Venue,
  options: SimulatedRunOptions,
): Generator<SimulatedStep> {
  if (!(options.intervalMs > 0))
    throw new Error(`intervalMs must be positive, got ${options.intervalMs}`)

  let fleet = createFleet(venue, options)
  const end = options.startMs + options.durationMs
  for (let at = options.startMs; at <= end; at += options.intervalMs) {
    const step = stepFleet(fleet, at)
    fleet = step.fleet
    yield { at, fleet, reports: step.reports, events: step.events }
  }
}
