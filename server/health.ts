import type { HealthComponent, HealthGroup, HealthReport } from '@/lib/api-types'

import type { Archive } from './ports/archive'
import type { Bus } from './ports/bus'
import type { Directory } from './ports/directory'
import type { ComponentHealth } from './ports/health'
import type { History } from './ports/history'
import type { LiveStore } from './ports/live-store'

/** A group further behind than this many messages is reported as lagging. */
const LAG_WARNING = 1000

const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER }

type Parts = {
  bus: Bus
  liveStore: LiveStore
  history: History
  archive: Archive
  directory: Directory
}

/** Counting every history row is a scan: the counts are read at most this often. */
const COUNTS_MAX_AGE_MS = 5_000

/**
 * Makes the reader of the health page. A component that does not answer is reported down
 * with its error rather than failing the whole page.
 */
export function createHealthReader(
  parts: Parts,
  context: {
    startedAt: number
    readSimulator: () => HealthReport['simulator']
    now?: () => number
  },
) {
  const clock = context.now ?? Date.now
  let counts: { value: HealthReport['counts']; readAt: number } | null = null

  async function readCounts(now: number): Promise<HealthReport['counts']> {
    if (counts && now - counts.readAt < COUNTS_MAX_AGE_MS) return counts.value

    const [accepted, rejected] = await Promise.all([
      // Every row the history holds: rows expire by write time, so a replayed old event counts.
      parts.history.countReports(ALL_TIME).catch(() => -1),
      parts.history.countRejected().catch(() => -1),
    ])
    counts = { value: { accepted, rejected }, readAt: now }

    return counts.value
  }

  return async function readHealth(): Promise<HealthReport> {
    const now = clock()
    const components = await Promise.all([
      askComponent('bus', () => parts.bus.describe()),
      askComponent('live-store', () => parts.liveStore.describe()),
      askComponent('history', () => parts.history.describe()),
      askComponent('archive', () => parts.archive.describe()),
      askComponent('directory', () => parts.directory.describe()),
    ])
    const groups = await parts.bus.describeGroups().catch(() => [])
    const groupHealth: HealthGroup[] = groups.map((group) => ({
      ...group,
      state: group.state === 'running' && group.lag > LAG_WARNING ? 'lagging' : group.state,
    }))

    return {
      status: overallStatus(components, groupHealth),
      serverTime: now,
      startedAt: context.startedAt,
      components,
      groups: groupHealth,
      counts: await readCounts(now),
      simulator: context.readSimulator(),
    }
  }
}

async function askComponent(
  name: string,
  ask: () => Promise<ComponentHealth>,
): Promise<HealthComponent> {
  try {
    return await ask()
  } catch (error) {
    return { name, state: 'down', detail: error instanceof Error ? error.message : String(error) }
  }
}

function overallStatus(
  components: HealthComponent[],
  groups: HealthGroup[],
): HealthReport['status'] {
  if (components.some((component) => component.state === 'down')) return 'down'
  if (groups.some((group) => group.state === 'crashed')) return 'down'
  if (components.some((component) => component.state === 'lagging')) return 'degraded'
  if (groups.some((group) => group.state !== 'running')) return 'degraded'

  return 'up'
}
