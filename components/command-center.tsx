'use client'

import { Database } from 'lucide-react'
import Link from 'next/link'
import { useCallback, useMemo, useRef, useState } from 'react'

import type { FeedScope } from '@/lib/socket-events'

import { AlertFeed } from './alert-feed'
import { BandLegend } from './band-legend'
import { ConnectionBanner } from './connection-banner'
import { HealthBanner } from './health/health-banner'
import { HealthPill } from './health/health-pill'
import { useHealth } from './health/use-health'
import { KeyFigures } from './key-figures'
import { AlertsLayer, type AlertFocus } from './map/alerts-layer'
import { CellsLayer } from './map/cells-layer'
import { DronesLayer } from './map/drones-layer'
import { MapView } from './map/map-view'
import { VenueLayer } from './map/venue-layer'
import { sortAlerts } from './sort-alerts'
import { StatusHeader } from './status-header'
import { summarizeFeed } from './summarize-feed'
import { useLiveFeed } from './use-live-feed'
import { useNow } from './use-now'
import { useVenueSnapshot } from './use-venue-snapshot'

const STAFF_FEED: FeedScope = { scope: 'staff' }
const FEED_CONTENT = { cells: true, drones: true }

/**
 * The command center: key figures, the live map and the alert feed, fed by one live store.
 * The map takes changes straight from the store in animation frames; the rest re-renders once
 * per flush and once a second for the clock and freshness.
 */
export function CommandCenter({ mapStyleUrl }: { mapStyleUrl: string | null }) {
  const { snapshot, error: venueError } = useVenueSnapshot()
  const { store, version, connection, sync } = useLiveFeed(STAFF_FEED, FEED_CONTENT)
  const now = useNow(1_000)
  const [selectedAlertId, setSelectedAlertId] = useState<string | null>(null)
  const [focus, setFocus] = useState<AlertFocus | null>(null)
  const health = useHealth()
  const [healthOpen, setHealthOpen] = useState(false)
  const mapSectionRef = useRef<HTMLElement>(null)

  const serverNow = now + store.clockOffsetMs()
  const staleAfterMs = snapshot?.staleAfterMs ?? null

  const alerts = useMemo(
    () => sortAlerts(store.alerts.values()),
    // The store is mutable; its version says when the alerts may have changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version],
  )
  const summary = staleAfterMs === null ? null : summarizeFeed(store, serverNow, staleAfterMs)

  const showAlertOnMap = useCallback((alertId: string) => {
    setSelectedAlertId(alertId)
    setFocus((previous) => ({ alertId, nonce: (previous?.nonce ?? 0) + 1 }))
    const section = mapSectionRef.current
    if (section && window.matchMedia('(max-width: 1023px)').matches) {
      section.scrollIntoView({ behavior: 'smooth', block: 'start' })
    }
  }, [])

  const showAlertInFeed = useCallback((alertId: string) => {
    setSelectedAlertId(alertId)
    document
      .querySelector(`[data-testid="alert-item"][data-alert-id="${CSS.escape(alertId)}"]`)
      ?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
  }, [])

  const venue = snapshot?.venue ?? null

  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh lg:overflow-hidden">
      <StatusHeader
        title="Command center"
        venueName={venue?.name ?? null}
        timeZone={venue?.timeZone ?? null}
        now={serverNow}
        connection={connection}
      >
        <Link
          href="/archive"
          title="Data lake: closed hours of history"
          className="hidden items-center gap-1.5 rounded-md px-1.5 py-1 text-sm text-ink-faint hover:bg-surface-2 hover:text-ink sm:flex"
        >
          <Database size={16} aria-hidden />
          <span className="sr-only xl:not-sr-only">Data lake</span>
        </Link>
        <HealthPill reading={health} now={now} open={healthOpen} onOpenChange={setHealthOpen} />
      </StatusHeader>
      <HealthBanner report={health.report} onShowDetails={() => setHealthOpen(true)} />
      <ConnectionBanner
        connection={connection}
        sync={sync}
        now={now}
        serverNow={serverNow}
        newestReportTs={store.newestReportTs()}
        staleAfterMs={staleAfterMs}
        timeZone={venue?.timeZone ?? null}
      />

      {!snapshot || !venue || !summary || staleAfterMs === null ? (
        <main className="grid flex-1 place-items-center p-8 text-center">
          <div>
            <p className="text-2xl font-bold">Loading the venue…</p>
            {venueError ? (
              <p role="alert" className="mt-2 text-band-busy">
                {venueError} Retrying.
              </p>
            ) : null}
          </div>
        </main>
      ) : (
        <main className="flex min-h-0 flex-1 flex-col gap-2 p-2 lg:gap-3 lg:p-3">
          <KeyFigures summary={summary} venue={venue} staleAfterMs={staleAfterMs} />
          <div className="flex min-h-0 flex-1 flex-col gap-2 lg:grid lg:grid-cols-[minmax(0,1fr)_30rem] lg:gap-3 2xl:grid-cols-[minmax(0,1fr)_34rem]">
            <div className="relative flex min-h-0 flex-col gap-2">
              <section
                ref={mapSectionRef}
                aria-label="Map"
                className="relative h-[62vh] min-h-80 overflow-hidden rounded-lg border border-line lg:h-auto lg:flex-1"
              >
                <MapView venue={venue} styleUrl={mapStyleUrl}>
                  <VenueLayer venue={venue} showLandmarkNames={mapStyleUrl === null} />
                  <CellsLayer store={store} venue={venue} staleAfterMs={staleAfterMs} />
                  <AlertsLayer
                    store={store}
                    venue={venue}
                    selectedAlertId={selectedAlertId}
                    focus={focus}
                    onSelectAlert={showAlertInFeed}
                  />
                  <DronesLayer
                    store={store}
                    staleAfterMs={staleAfterMs}
                    timeZone={venue.timeZone}
                  />
                </MapView>
              </section>
              {/* Over the map on a wide screen, under it on a phone where it would hide the map. */}
              <div className="lg:absolute lg:bottom-2 lg:left-2">
                <BandLegend bandTable={snapshot.bandTable} />
              </div>
            </div>
            <div className="min-h-0 lg:overflow-y-auto lg:pr-1">
              <AlertFeed
                alerts={alerts}
                noticedAt={store.alertNoticedAt}
                venue={venue}
                now={now}
                selectedAlertId={selectedAlertId}
                onSelect={showAlertOnMap}
              />
            </div>
          </div>
        </main>
      )}
    </div>
  )
}
