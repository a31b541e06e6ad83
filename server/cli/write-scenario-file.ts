import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

import type { Venue } from '@/lib/venue'

import { simulateSteps, type SimulatedRunOptions } from '../simulator/simulate-steps'

export type ScenarioFileOptions = SimulatedRunOptions & {
  file: string
  /** Called after each simulated tick with the ticks done and the total. */
  onStep?: (done: number, total: number) => void
}

/**
 * Writes a scenario to an NDJSON file on a simulated clock, as fast as the disk takes it:
 * one report per line, in event-time order, ready for the replay tool.
 */
export async function writeScenarioFile(
  venue: Venue,
  options: ScenarioFileOptions,
): Promise<{ reports: number; steps: number; endMs: number }> {
  const out = createWriteStream(options.file, { encoding: 'utf8' })
  const failed = once(out, 'error').then(([error]) => {
    throw error
  })
  // Keep an early write error from surfacing as an unhandled rejection; it is rethrown below.
  failed.catch(() => {})

  const total = Math.floor(options.durationMs / options.intervalMs) + 1
  let reports = 0
  let steps = 0
  let endMs = options.startMs
  for (const step of simulateSteps(venue, options)) {
    const lines = step.reports.map((report) => `${JSON.stringify(report)}\n`).join('')
    reports += step.reports.length
    steps += 1
    endMs = step.at
    // Respect back-pressure so that a long scenario never piles up in memory.
    if (lines && !out.write(lines)) await Promise.race([once(out, 'drain'), failed])
    options.onStep?.(steps, total)
  }
  out.end()
  await Promise.race([once(out, 'finish'), failed])

  return { reports, steps, endMs }
}
