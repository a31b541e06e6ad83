'use client'

import { Marker } from 'maplibre-gl'
import { useEffect, useRef } from 'react'

import type { Alert } from '@/lib/alert'
import { measureCellArea } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { BAND_STYLE } from '../band-style'
import type { LiveStore } from '../live-store'
import { isAlertActive } from '../sort-alerts'
import { useMapInstance } from './map-context'

/** A request to bring an alert into view; the nonce makes a second click on it fly again. */
export type AlertFocus = { alertId: string; nonce: number }

const FOCUS_ZOOM = 17
const EARTH_CIRCUMFERENCE_M = 40_075_017
const RING_MIN_PX = 28
const RING_MAX_PX = 160

type RingMarker = {
  marker: Marker
  element: HTMLElement
  button: HTMLButtonElement
  /** Across the alert's cell, corner to corner, in metres. */
  cellWidthM: number
  lat: number
}

/** A regular hexagon of this area measures this much corner to corner. */
function measureHexagonWidth(areaM2: number): number {
  return 2 * Math.sqrt((2 * areaM2) / (3 * Math.sqrt(3)))
}

/**
 * Sizes a ring to hug its cell at the current zoom: a fixed size hides a whole cluster of cells
 * when zoomed out and shrinks to a dot inside one cell when zoomed in.
 */
function sizeRing(ring: RingMarker, zoom: number) {
  const metresPerPixel =
    (EARTH_CIRCUMFERENCE_M * Math.cos((ring.lat * Math.PI) / 180)) / (512 * 2 ** zoom)
  const size = Math.min(
    RING_MAX_PX,
    Math.max(RING_MIN_PX, (ring.cellWidthM / metresPerPixel) * 1.3),
  )
  ring.element.style.setProperty('--ring-size', `${Math.round(size)}px`)
}

/**
 * A pulsing ring on every cell with an open or acknowledged alert, in the alert's band colour;
 * acknowledged ones pulse slower with a dashed edge. Clicking a ring selects its alert in the
 * feed, and selecting an alert in the feed flies the map to it.
 */
export function AlertsLayer({
  store,
  venue,
  selectedAlertId,
  focus,
  onSelectAlert,
}: {
  store: LiveStore
  venue: Venue
  selectedAlertId: string | null
  focus: AlertFocus | null
  onSelectAlert: (alertId: string) => void
}) {
  const { map } = useMapInstance()
  const selectRef = useRef(onSelectAlert)
  const selectedRef = useRef(selectedAlertId)

  useEffect(() => {
    selectRef.current = onSelectAlert
    selectedRef.current = selectedAlertId
  }, [onSelectAlert, selectedAlertId])

  useEffect(() => {
    const rings = new Map<string, RingMarker>()

    function paint(ring: RingMarker, alert: Alert) {
      const sector = venue.sectors.find((candidate) => candidate.id === alert.sectorId)
      const where = sector?.name ?? 'outside the sectors'
      ring.element.dataset.status = alert.status
      ring.element.dataset.severity = alert.severity
      ring.element.dataset.selected = String(alert.alertId === selectedRef.current)
      ring.element.style.setProperty('--ring-color', `var(--band-${alert.severity})`)
      ring.button.setAttribute(
        'aria-label',
        `${BAND_STYLE[alert.severity].label} alert, ${alert.status}, ${where}: show in the feed`,
      )
      ring.marker.setLngLat([alert.lon, alert.lat])
    }

    function place(alertId: string) {
      const alert = store.alerts.get(alertId)
      const ring = rings.get(alertId)
      if (!alert || !isAlertActive(alert)) {
        ring?.marker.remove()
        rings.delete(alertId)
        return
      }
      if (ring) {
        paint(ring, alert)
        return
      }

      const element = document.createElement('div')
      element.className = 'alert-ring'
      element.dataset.testid = 'alert-ring'
      element.dataset.alertId = alertId
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'alert-ring-hit'
      button.addEventListener('click', (event) => {
        event.stopPropagation()
        selectRef.current(alertId)
      })
      element.append(button)
      const created: RingMarker = {
        marker: new Marker({ element }),
        element,
        button,
        cellWidthM: measureHexagonWidth(measureCellArea(alert.cellId)),
        lat: alert.lat,
      }
      paint(created, alert)
      sizeRing(created, map.getZoom())
      created.marker.addTo(map)
      rings.set(alertId, created)
    }

    for (const alertId of store.alerts.keys()) place(alertId)
    const stopListening = store.onChange((change) => {
      for (const alertId of change.alertIds) place(alertId)
    })
    const resizeRings = () => {
      const zoom = map.getZoom()
      for (const ring of rings.values()) sizeRing(ring, zoom)
    }
    map.on('zoom', resizeRings)

    return () => {
      stopListening()
      map.off('zoom', resizeRings)
      for (const ring of rings.values()) ring.marker.remove()
      rings.clear()
    }
  }, [map, store, venue])

  useEffect(() => {
    const rings = map.getContainer().querySelectorAll<HTMLElement>('.alert-ring')
    for (const ring of rings)
      ring.dataset.selected = String(ring.dataset.alertId === selectedAlertId)
  }, [map, selectedAlertId])

  useEffect(() => {
    if (!focus) return
    const alert = store.alerts.get(focus.alertId)
    if (!alert) return
    map.flyTo({
      center: [alert.lon, alert.lat],
      zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
      essential: true,
    })
  }, [focus, map, store])

  return null
}
