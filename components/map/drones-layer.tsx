'use client'

import { Marker } from 'maplibre-gl'
import { useEffect } from 'react'

import type { DroneState } from '@/lib/drone-state'

import { judgeBattery, type BatteryLevel } from '../drone-battery'
import { formatAge, formatVenueTime } from '../format'
import type { LiveStore } from '../live-store'
import { useMapInstance } from './map-context'

const STALE_CHECK_MS = 2_000

const BATTERY_COLOR: Record<BatteryLevel, string> = {
  good: 'var(--drone-good)',
  fair: 'var(--drone-fair)',
  low: 'var(--drone-low)',
  unknown: 'var(--ink-faint)',
}

type DroneMarker = { marker: Marker; element: HTMLElement; text: HTMLElement }

function buildElement(): DroneMarker['element'] {
  const element = document.createElement('div')
  element.className = 'drone-marker'
  element.setAttribute('role', 'img')
  element.dataset.testid = 'drone-marker'

  return element
}

/**
 * Drones as small HTML chips: id, battery and a LOW flag when it must return, so the text needs
 * no glyph server. A drone that has not reported lately is drawn faded.
 */
export function DronesLayer({
  store,
  staleAfterMs,
  timeZone,
}: {
  store: LiveStore
  staleAfterMs: number
  timeZone: string
}) {
  const { map } = useMapInstance()

  useEffect(() => {
    const markers = new Map<string, DroneMarker>()

    function paint(entry: DroneMarker, drone: DroneState) {
      const level = judgeBattery(drone.battery)
      const age = store.serverNow() - drone.ts
      const stale = age > staleAfterMs
      const battery = drone.battery === null ? '—' : `${Math.round(drone.battery)}%`

      entry.element.style.setProperty('--drone-color', BATTERY_COLOR[level])
      entry.element.dataset.battery = level
      entry.element.dataset.stale = String(stale)
      entry.element.dataset.droneId = drone.droneId
      entry.text.textContent = `${drone.droneId} ${battery}`

      const state = level === 'low' ? 'low battery, returning to base' : `battery ${battery}`
      const seen = stale ? `, last report ${formatAge(age)} ago` : ''
      entry.element.setAttribute('aria-label', `Drone ${drone.droneId}, ${state}${seen}`)
      entry.element.title = [
        `Drone ${drone.droneId}: ${state}`,
        `Last report ${formatVenueTime(drone.ts, timeZone)}${seen}`,
        drone.altitudeM === null ? null : `Altitude ${Math.round(drone.altitudeM)} m`,
        drone.tempC === null ? null : `Temperature ${drone.tempC.toFixed(0)} °C`,
      ]
        .filter(Boolean)
        .join('\n')
      entry.marker.setLngLat([drone.lon, drone.lat])
    }

    function place(droneId: string) {
      const drone = store.drones.get(droneId)
      const entry = markers.get(droneId)
      if (!drone) {
        entry?.marker.remove()
        markers.delete(droneId)
        return
      }
      if (entry) {
        paint(entry, drone)
        return
      }

      const element = buildElement()
      const dot = document.createElement('span')
      dot.className = 'drone-dot'
      const text = document.createElement('span')
      text.className = 'drone-text'
      const flag = document.createElement('span')
      flag.className = 'drone-flag'
      flag.textContent = 'LOW'
      element.append(dot, text, flag)
      const created: DroneMarker = {
        marker: new Marker({ element, anchor: 'left', offset: [-7, 0] }),
        element,
        text,
      }
      paint(created, drone)
      created.marker.addTo(map)
      markers.set(droneId, created)
    }

    for (const droneId of store.drones.keys()) place(droneId)
    const stopListening = store.onChange((change) => {
      for (const droneId of change.droneIds) place(droneId)
    })
    const staleTimer = setInterval(() => {
      requestAnimationFrame(() => {
        for (const droneId of markers.keys()) place(droneId)
      })
    }, STALE_CHECK_MS)

    return () => {
      stopListening()
      clearInterval(staleTimer)
      for (const entry of markers.values()) entry.marker.remove()
      markers.clear()
    }
  }, [map, store, staleAfterMs, timeZone])

  return null
}
