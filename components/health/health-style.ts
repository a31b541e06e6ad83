import type { HealthReport } from '@/lib/api-types'

import type { HealthReading } from './use-health'

/** The pill's reading: the report's status, or `unknown` when the last check got no report. */
export type HealthStatus = HealthReport['status'] | 'unknown'

/** How the overall status reads in the header, in the colours of the density bands. */
export const HEALTH_PILL: Record<HealthStatus, { label: string; className: string }> = {
  up: { label: 'Systems OK', className: 'bg-band-normal text-black' },
  degraded: { label: 'Degraded', className: 'bg-band-warning text-black' },
  down: { label: 'DOWN', className: 'bg-danger text-black banner-blink ring-2 ring-white' },
  unknown: { label: 'Health ?', className: 'bg-surface-3 text-ink' },
}

const PART_STATE: Record<string, string> = {
  up: 'text-band-normal',
  running: 'text-band-normal',
  lagging: 'text-band-warning',
  starting: 'text-band-busy',
  retrying: 'text-band-busy',
  stopped: 'bg-danger px-1.5 text-black',
  crashed: 'bg-danger px-1.5 text-black',
  down: 'bg-danger px-1.5 text-black',
}

/** The style of a component's or consumer group's state; an unknown state reads as a warning. */
export function partStateClass(state: string): string {
  return PART_STATE[state] ?? 'text-band-warning'
}

/** Whether a part's state means reports may not be processed. */
export function isPartDown(state: string): boolean {
  return state === 'down' || state === 'crashed' || state === 'stopped'
}

/** The overall status the header shows: unknown while no report came, or the last check failed. */
export function readHealthStatus(reading: HealthReading): HealthStatus {
  if (!reading.report || reading.error) return 'unknown'

  return reading.report.status
}
