'use client'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { Alert } from '@/lib/alert'
import type { AlertDetail, OfficersSnapshot, StationsSnapshot } from '@/lib/api-types'
import type { FeedScope } from '@/lib/socket-events'

import { ApiCallError, callApi } from '../api-client'
import { ConnectionBanner } from '../connection-banner'
import { sortAlerts } from '../sort-alerts'
import { StatusHeader } from '../status-header'
import { useLiveFeed } from '../use-live-feed'
import { useNow } from '../use-now'
import { useStoredChoice } from '../use-stored-choice'
import { useVenueSnapshot } from '../use-venue-snapshot'
import { OfficerAlertCard, type AckState } from './officer-alert-card'
import { OfficerPicker } from './officer-picker'

const STATION_KEY = 'crowdwatch.officer.stationId'
const OFFICER_KEY = 'crowdwatch.officer.officerId'
const FEED_CONTENT = { cells: false, drones: false }

function explainAckFailure(error: unknown): string {
  if (!(error instanceof ApiCallError)) return 'The acknowledgement failed. Try again.'
  if (error.status === 0) {
    return 'No connection to the server: not acknowledged. Check your signal and try again.'
  }
  if (error.status === 403) {
    return `Not acknowledged: this alert is routed to another station. ${error.message}`
  }
  if (error.status === 409) return `Not acknowledged: the alert is already resolved.`
  if (error.status === 404) return 'Not acknowledged: this alert no longer exists.'

  return `Not acknowledged: ${error.message}`
}

/**
 * The officer's page, made for a phone: choose the station and yourself once (remembered on
 * this device), then see the station's alerts live and acknowledge them with one tap.
 */
export function OfficerConsole() {
  const { snapshot: venueSnapshot } = useVenueSnapshot()
  const [stationId, chooseStation] = useStoredChoice(STATION_KEY)
  const [officerId, chooseOfficer] = useStoredChoice(OFFICER_KEY)
  const [stations, setStations] = useState<StationsSnapshot['stations'] | null>(null)
  const [stationsError, setStationsError] = useState<string | null>(null)
  const [roster, setRoster] = useState<{ stationId: string; snapshot: OfficersSnapshot } | null>(
    null,
  )
  const [acks, setAcks] = useState<Record<string, AckState>>({})
  const now = useNow(1_000)

  const feed = useMemo<FeedScope | null>(
    () => (stationId ? { scope: 'station', stationId } : null),
    [stationId],
  )
  const { store, version, connection, sync } = useLiveFeed(feed, FEED_CONTENT)
  const venue = venueSnapshot?.venue ?? null

  useEffect(() => {
    let disposed = false
    callApi<StationsSnapshot>('/api/stations')
      .then((loaded) => {
        if (disposed) return
        setStations(loaded.stations)
        setStationsError(null)
      })
      .catch((error: unknown) => {
        if (disposed) return
        setStationsError(
          error instanceof ApiCallError ? error.message : 'The stations could not be read.',
        )
      })

    return () => {
      disposed = true
    }
  }, [])

  useEffect(() => {
    if (!stationId) return
    let disposed = false
    callApi<OfficersSnapshot>(`/api/stations/${encodeURIComponent(stationId)}/officers`)
      .then((snapshot) => {
        if (!disposed) setRoster({ stationId, snapshot })
      })
      .catch(() => {
        if (!disposed) setRoster({ stationId, snapshot: { officers: [], onDuty: [] } })
      })

    return () => {
      disposed = true
    }
  }, [stationId])

  const officers = roster?.stationId === stationId ? roster.snapshot : null
  const me = officers?.officers.find((officer) => officer.officerId === officerId) ?? null

  const alerts = useMemo(
    () => sortAlerts(store.alerts.values(), { unacknowledgedFirst: false }),
    // The store is mutable; its version says when the alerts may have changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version],
  )

  // A phone in a pocket: buzz when a new alert arrives for the station.
  const buzzedAt = useRef(0)
  useEffect(() => {
    let newest = 0
    for (const at of store.alertNoticedAt.values()) newest = Math.max(newest, at)
    if (newest <= buzzedAt.current) return
    buzzedAt.current = newest
    navigator.vibrate?.([250, 120, 250])
  }, [store, version])

  const acknowledge = useCallback(
    async (alertId: string) => {
      if (!me) return
      setAcks((previous) => ({ ...previous, [alertId]: { pending: true, error: null } }))
      const path = `/api/alerts/${encodeURIComponent(alertId)}`
      try {
        const answer = await callApi<{ alert: Alert }>(`${path}/ack`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ officerId: me.officerId }),
        })
        store.applyAlert(answer.alert)
        setAcks((previous) => ({ ...previous, [alertId]: { pending: false, error: null } }))
      } catch (error) {
        setAcks((previous) => ({
          ...previous,
          [alertId]: { pending: false, error: explainAckFailure(error) },
        }))
        // The alert changed under us (resolved, re-routed): show its current state.
        if (error instanceof ApiCallError && (error.status === 409 || error.status === 403)) {
          const detail = await callApi<AlertDetail>(path).catch(() => null)
          if (detail) store.applyAlert(detail.alert)
        }
      }
    },
    [me, store],
  )

  const active = alerts.filter((alert) => alert.status !== 'resolved')
  const open = active.filter((alert) => alert.status === 'open').length
  const stationName = stations?.find((station) => station.stationId === stationId)?.name ?? null
  const serverNow = now + store.clockOffsetMs()

  return (
    <div className="mx-auto flex min-h-dvh max-w-2xl flex-col">
      <StatusHeader
        title="Officer"
        venueName={stationName}
        timeZone={venue?.timeZone ?? null}
        now={serverNow}
        connection={feed ? connection : null}
      />
      {feed ? (
        <ConnectionBanner
          connection={connection}
          sync={sync}
          now={now}
          serverNow={serverNow}
          newestReportTs={null}
          staleAfterMs={null}
          timeZone={venue?.timeZone ?? null}
        />
      ) : null}

      <main className="flex flex-1 flex-col gap-4 p-3">
        <OfficerPicker
          stations={stations}
          stationsError={stationsError}
          stationId={stationId}
          officers={officers}
          officerId={me ? officerId : null}
          onChooseStation={(next) => {
            chooseStation(next)
            chooseOfficer(null)
            setAcks({})
          }}
          onChooseOfficer={chooseOfficer}
        />

        {stationId ? (
          <section aria-labelledby="station-alerts-title" className="space-y-3">
            <header className="flex items-baseline justify-between gap-2">
              <h2 id="station-alerts-title" className="text-xl font-black tracking-wide uppercase">
                Alerts
              </h2>
              <p className="figure text-sm text-ink-muted">
                {open} open · {active.length - open} acknowledged
                {venue ? ` · times ${venue.timeZone}` : ''}
              </p>
            </header>
            {alerts.length === 0 ? (
              <p className="rounded-xl border border-line bg-surface-1 p-6 text-center text-lg text-ink-muted">
                {sync.syncedAt === null
                  ? 'Loading the alerts…'
                  : 'No alert for your station. This page updates by itself: keep it open.'}
              </p>
            ) : (
              <ol className="space-y-3" aria-label="Alerts of your station, most urgent first">
                {alerts.map((alert) => (
                  <OfficerAlertCard
                    key={alert.alertId}
                    alert={alert}
                    venue={venue}
                    officerId={me?.officerId ?? null}
                    serverNow={serverNow}
                    ack={acks[alert.alertId]}
                    onAcknowledge={(alertId) => void acknowledge(alertId)}
                  />
                ))}
              </ol>
            )}
          </section>
        ) : null}
      </main>
    </div>
  )
}
