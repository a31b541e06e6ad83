import type { Metadata } from 'next'

import { ArchiveConsole } from '@/components/archive/archive-console'
import { getRuntime } from '@/server/runtime-handle'

export const metadata: Metadata = { title: 'Crowdwatch · Data lake' }

// The venue, the retention and the lake come from the running server, not baked in at build.
export const dynamic = 'force-dynamic'

export default async function ArchivePage() {
  const { venue, config, archive } = getRuntime()
  // Where analysts point their tools; a lake that does not answer still gets its page.
  const lake = await archive.describe().catch(() => null)

  return (
    <ArchiveConsole
      venueName={venue.name}
      timeZone={venue.timeZone}
      historyRetentionMs={config.historyRetentionMs}
      archiveIntervalMs={config.archiveIntervalMs}
      lakeLocation={lake && lake.state !== 'down' ? lake.detail : null}
    />
  )
}
