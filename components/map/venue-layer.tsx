'use client'

import type { Feature, FeatureCollection, Polygon, Position } from 'geojson'
import { Marker } from 'maplibre-gl'
import { useEffect } from 'react'

import type { Venue } from '@/lib/venue'

import { useMapInstance } from './map-context'

const SOURCE = 'cw-sectors'
const FILL = 'cw-sectors-fill'
const OUTLINE = 'cw-sectors-outline'
// Below this zoom the sector names overlap one another and hide the cells they name.
const LABEL_MIN_ZOOM = 14.5

/** The mean of a ring's corners: close enough to the middle for a label on a venue sector. */
function findLabelPoint(area: Polygon): [number, number] {
  const ring = area.coordinates[0] ?? []
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring
  if (corners.length === 0) return [0, 0]
  const sum = corners.reduce<[number, number]>(
    (total, [lon = 0, lat = 0]: Position) => [total[0] + lon, total[1] + lat],
    [0, 0],
  )

  return [sum[0] / corners.length, sum[1] / corners.length]
}

function buildLabel(text: string, className: string): HTMLElement {
  const element = document.createElement('div')
  element.className = className
  element.textContent = text

  return element
}

/**
 * The venue's sectors (outlined, named, moving zones drawn with a tighter dash) and its drone
 * launch sites. Names are HTML markers because the offline map has no glyph server.
 */
export function VenueLayer({
  venue,
  showLandmarkNames,
}: {
  venue: Venue
  showLandmarkNames: boolean
}) {
  const { map, isAlive } = useMapInstance()

  useEffect(() => {
    const sectors: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: venue.sectors.map((sector): Feature<Polygon> => ({
        type: 'Feature',
        geometry: sector.area,
        properties: { sectorId: sector.id, name: sector.name, kind: sector.kind },
      })),
    }
    map.addSource(SOURCE, { type: 'geojson', data: sectors })
    map.addLayer({
      id: FILL,
      type: 'fill',
      source: SOURCE,
      paint: {
        'fill-color': ['match', ['get', 'kind'], 'moving', '#4cc9f0', '#a4b3c4'],
        'fill-opacity': 0.05,
      },
    })
    map.addLayer({
      id: OUTLINE,
      type: 'line',
      source: SOURCE,
      paint: {
        'line-color': ['match', ['get', 'kind'], 'moving', '#4cc9f0', '#a4b3c4'],
        'line-opacity': 0.7,
        'line-width': 1.5,
        'line-dasharray': [3, 2],
      },
    })

    const markers: Marker[] = []
    for (const sector of venue.sectors) {
      const label = buildLabel(sector.name, 'map-label')
      label.title = `${sector.name}: ${sector.kind} zone`
      markers.push(new Marker({ element: label }).setLngLat(findLabelPoint(sector.area)))
    }
    for (const site of venue.launchSites) {
      const pad = buildLabel('H', 'launch-site')
      pad.title = `Launch site: ${site.name}`
      pad.setAttribute('role', 'img')
      pad.setAttribute('aria-label', `Drone launch site ${site.name}`)
      markers.push(new Marker({ element: pad }).setLngLat([site.position.lon, site.position.lat]))
    }
    if (showLandmarkNames) {
      for (const feature of venue.landmarks.features) {
        const name = feature.properties?.name
        if (typeof name !== 'string' || feature.properties?.kind !== 'landmark') continue
        if (feature.geometry.type !== 'Polygon') continue
        const label = buildLabel(name, 'map-label-landmark')
        markers.push(new Marker({ element: label }).setLngLat(findLabelPoint(feature.geometry)))
      }
    }
    for (const marker of markers) marker.addTo(map)

    const container = map.getContainer()
    const showLabelsByZoom = () => {
      const zoom = map.getZoom()
      container.dataset.labels = zoom >= LABEL_MIN_ZOOM ? 'shown' : 'hidden'
      container.dataset.zoom = zoom.toFixed(2)
    }
    showLabelsByZoom()
    map.on('zoom', showLabelsByZoom)

    return () => {
      map.off('zoom', showLabelsByZoom)
      for (const marker of markers) marker.remove()
      if (!isAlive()) return
      for (const layer of [OUTLINE, FILL]) {
        if (map.getLayer(layer)) map.removeLayer(layer)
      }
      if (map.getSource(SOURCE)) map.removeSource(SOURCE)
    }
  }, [map, isAlive, venue, showLandmarkNames])

  return null
}
