import { ServerCrash } from 'lucide-react'

import type { HealthReport } from '@/lib/api-types'

import { isPartDown } from './health-style'

/** The parts that are down, as one line: `history (connection refused), alerts-worker`. */
function listDownParts(report: HealthReport): string {
  const components = report.components
    .filter((component) => component.state === 'down')
    .map((component) => `${component.name} (${component.detail})`)
  const groups = report.groups
    .filter((group) => isPartDown(group.state))
    .map((group) => `${group.groupId} ${group.state}`)

  return [...components, ...groups].join(' · ')
}

/**
 * A part of the system is down: reports may not be processed, so the whole width of the page
 * says so, not only the pill in the corner.
 */
export function HealthBanner({
  report,
  onShowDetails,
}: {
  report: HealthReport | null
  onShowDetails: () => void
}) {
  if (report?.status !== 'down') return null

  return (
    <div
      data-testid="health-banner"
      role="alert"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 bg-danger px-3 py-2 text-black sm:px-4 sm:py-3"
    >
      <ServerCrash size={28} aria-hidden className="hidden shrink-0 sm:block" />
      <strong className="banner-blink text-lg font-black tracking-wide uppercase sm:text-xl lg:text-2xl">
        System down
      </strong>
      <button
        type="button"
        onClick={onShowDetails}
        className="ml-auto rounded-md border-2 border-black px-3 py-1 text-sm font-bold hover:bg-black/10 sm:order-last"
      >
        Details
      </button>
      <span className="w-full text-sm font-semibold break-words sm:w-auto sm:min-w-0 sm:flex-1">
        Reports may not be processed: {listDownParts(report)}.
      </span>
    </div>
  )
}
