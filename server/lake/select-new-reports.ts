import type { DroneReport } from '@/lib/report'
import type { ReportPages } from '@/server/ports/archive'

import { checkReportsInHour } from './check-hour'

/** The identity of a report in the lake: one copy per (droneId, reportId). */
export function describeReportKey(droneId: string, reportId: string): string {
  return `${droneId}\u0000${reportId}`
}

/**
 * The pages of reports the lake does not hold yet (`known` keys), each report once, or null when
 * there is none, so that nothing is written for them. A report of another hour fails the pages.
 * `known` grows with the reports taken.
 */
export async function selectNewReports(
  hour: number,
  reports: ReportPages,
  known: Set<string>,
): Promise<AsyncIterable<DroneReport[]> | null> {
  return skipToFirstReport(keepNewReports(hour, toPages(reports), known))
}

function toPages(reports: ReportPages): AsyncIterable<DroneReport[]> {
  if (!Array.isArray(reports)) return reports

  return (async function* () {
    yield reports
  })()
}

async function* keepNewReports(
  hour: number,
  pages: AsyncIterable<DroneReport[]>,
  known: Set<string>,
) {
  for await (const page of pages) {
    checkReportsInHour(hour, page)
    const fresh = page.filter((report) => {
      const key = describeReportKey(report.droneId, report.reportId)
      if (known.has(key)) return false

      known.add(key)

      return true
    })
    if (fresh.length > 0) yield fresh
  }
}

/** The pages from the first one with a report on, or null when none has any. */
async function skipToFirstReport(pages: AsyncIterable<DroneReport[]>) {
  const iterator = pages[Symbol.asyncIterator]()
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (next.value.length > 0) return continuePages(next.value, iterator)
  }

  return null
}

async function* continuePages(first: DroneReport[], rest: AsyncIterator<DroneReport[]>) {
  yield first
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}
