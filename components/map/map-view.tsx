'use client'

import 'maplibre-gl/dist/maplibre-gl.css'

import { Maximize } from 'lucide-react'
import {
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'

import { BANDS } from '@/lib/bands'
import type { Venue } from '@/lib/venue'

import {
  MapInstanceContext,
  writeCellTally,
  type CellTally,
  type MapOverlayContext,
} from './map-context'
import { buildOfflineStyle } from './offline-style'
import { findVenueBounds } from './venue-bounds'

const FIT_PADDING = 48
// An online basemap that has not loaded by then is treated as unreachable: on the night a
// blank map is worse than a plain one, so the offline sketch takes over.
const STYLE_TIMEOUT_MS = 10_000

let workerConfigured = false
// Maps being torn down: their overlays' cleanups run after the map is gone and must not touch it.
const removedMaps = new WeakSet<MapLibreMap>()

function configureWorker() {
  if (workerConfigured) return
  // MapLibre 6 loads its worker from a URL that a bundler cannot infer: point it at the file
  // the bundler emits for this reference.
  setWorkerUrl(new URL('maplibre-gl/dist/maplibre-gl-worker.mjs', import.meta.url).toString())
  workerConfigured = true
}

const EMPTY_TALLY: CellTally = {
  drawn: 0,
  stale: 0,
  bands: Object.fromEntries(BANDS.map((band) => [band, 0])) as CellTally['bands'],
}

/**
 * The one owner of the MapLibre instance. It loads the basemap (an online style when one is
 * configured, the offline sketch otherwise), fits the venue, and renders its overlays only once
 * the style is loaded, so every overlay can add its sources and layers straight away.
 */
export function MapView({
  venue,
  styleUrl,
  children,
  label = 'Live crowd density map',
}: {
  venue: Venue
  styleUrl: string | null
  children?: ReactNode
  label?: string
}) {
  const frameRef = useRef<HTMLDivElement>(null)
  const canvasHostRef = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [basemap, setBasemap] = useState<'online' | 'offline'>(styleUrl ? 'online' : 'offline')
  const venueRef = useRef(venue)

  useEffect(() => {
    const host = canvasHostRef.current
    const frame = frameRef.current
    if (!host || !frame) return
    configureWorker()

    const startVenue = venueRef.current
    const offlineStyle: StyleSpecification = buildOfflineStyle(startVenue.landmarks)
    const created = new MapLibreMap({
      container: host,
      style: styleUrl ?? offlineStyle,
      bounds: findVenueBounds(startVenue),
      fitBoundsOptions: { padding: FIT_PADDING },
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      renderWorldCopies: false,
    })
    created.touchZoomRotate.disableRotation()
    created.addControl(new NavigationControl({ showCompass: false }), 'top-right')

    let fallbackTimer: ReturnType<typeof setTimeout> | null = null
    if (styleUrl) {
      fallbackTimer = setTimeout(() => {
        if (created.isStyleLoaded()) return
        setBasemap('offline')
        created.setStyle(offlineStyle)
      }, STYLE_TIMEOUT_MS)
    }

    created.once('load', () => {
      if (fallbackTimer) clearTimeout(fallbackTimer)
      created.fitBounds(findVenueBounds(startVenue), { padding: FIT_PADDING, duration: 0 })
      setMap(created)
    })

    return () => {
      if (fallbackTimer) clearTimeout(fallbackTimer)
      removedMaps.add(created)
      setMap(null)
      created.remove()
      delete frame.dataset.mapReady
    }
  }, [styleUrl])

  // Overlays add their layers in effects that run before this one in the same commit, so the
  // first idle after this point means the style and every overlay layer are drawn.
  useEffect(() => {
    if (!map) return
    const frame = frameRef.current
    const markReady = () => {
      if (frame && !removedMaps.has(map)) frame.dataset.mapReady = 'true'
    }
    map.once('idle', markReady)
    map.triggerRepaint()

    return () => {
      map.off('idle', markReady)
    }
  }, [map])

  useEffect(() => {
    if (frameRef.current) writeCellTally(frameRef.current, EMPTY_TALLY)
  }, [])

  const overlayContext = useMemo<MapOverlayContext | null>(
    () => (map ? { map, isAlive: () => !removedMaps.has(map) } : null),
    [map],
  )

  const fitVenue = useCallback(() => {
    map?.fitBounds(findVenueBounds(venue), { padding: FIT_PADDING })
  }, [map, venue])

  return (
    <div
      ref={frameRef}
      data-testid="map"
      data-basemap={basemap}
      className="relative h-full w-full overflow-hidden bg-[#0b1118]"
    >
      <div ref={canvasHostRef} className="h-full w-full" role="region" aria-label={label} />
      {overlayContext ? (
        <MapInstanceContext.Provider value={overlayContext}>{children}</MapInstanceContext.Provider>
      ) : (
        <p className="absolute inset-0 grid place-items-center text-lg text-ink-muted">
          Loading map…
        </p>
      )}
      <button
        type="button"
        onClick={fitVenue}
        className="absolute top-[86px] right-[10px] grid h-[29px] w-[29px] place-items-center rounded bg-white text-black shadow"
        aria-label="Show the whole venue"
        title="Show the whole venue"
      >
        <Maximize size={16} aria-hidden />
      </button>
      {basemap === 'offline' && styleUrl ? (
        <p className="absolute top-3 left-1/2 -translate-x-1/2 rounded bg-surface-2/90 px-3 py-1 text-sm text-band-busy">
          Online basemap unreachable: showing the offline venue sketch
        </p>
      ) : null}
    </div>
  )
}
