'use client'

import type { Feature, Polygon } from 'geojson'
import {
  Marker,
  Popup,
  type ExpressionSpecification,
  type GeoJSONSource,
  type MapLayerMouseEvent,
} from 'maplibre-gl'
import { useEffect } from 'react'

import { BANDS, type Band } from '@/lib/bands'
import type { CellState } from '@/lib/cell-state'
import { findCellCenter, traceCellOutline } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { BAND_STYLE } from '../band-style'
import { formatCount, formatDensity, formatVenueTime } from '../format'
import type { LiveStore } from '../live-store'
import { addHatchImages, HATCHES, matchBandColor, readBandColors } from './band-paint'
import { useMapInstance, writeCellTally, type CellTally } from './map-context'

const SOURCE = 'cw-cells'
const FILL = 'cw-cells-fill'
const HATCH_PREFIX = 'cw-cells-hatch-'
const OUTLINE = 'cw-cells-outline'
const DOUBTFUL = 'cw-cells-doubtful'
const STALE_CHECK_MS = 2_000

/**
 * What the map shows of a cell, held as the cell's feature state. Only a change to one of
 * these is worth touching the map: the density moves with every report but only shows through
 * its band (the popup reads the density itself from the store).
 */
type DrawnCell = { band: Band; stale: boolean; doubtful: boolean }

function describe(cell: CellState, stale: boolean): DrawnCell {
  return { band: cell.band, stale, doubtful: cell.doubtful }
}

function sameDrawing(a: DrawnCell, b: DrawnCell): boolean {
  return a.band === b.band && a.stale === b.stale && a.doubtful === b.doubtful
}

function toFeature(cellId: string): Feature<Polygon> {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [traceCellOutline(cellId)] },
    properties: { cellId },
  }
}

function buildDoubtfulMarker(): HTMLElement {
  const element = document.createElement('div')
  element.className =
    'rounded border-2 border-dashed border-white bg-black/80 px-1.5 text-xs font-bold text-white'
  element.textContent = '? count'
  element.title = 'Doubtful head count: above the plausible maximum; check before acting'
  element.setAttribute('role', 'img')
  element.setAttribute('aria-label', 'Doubtful head count')
  element.style.pointerEvents = 'none'

  return element
}

function buildPopupContent(cell: CellState, stale: boolean, venue: Venue): HTMLElement {
  const root = document.createElement('div')
  root.className = 'space-y-1'
  const sector = venue.sectors.find((candidate) => candidate.id === cell.sectorId)
  const lines: [string, string][] = [
    ['Sector', sector?.name ?? 'Outside the sectors'],
    ['Band', `${BAND_STYLE[cell.band].label} (${cell.kind} zone)`],
    ['Density', `${formatDensity(cell.density)} p/m²`],
    ['People', `${formatCount(cell.people)} on ${formatCount(cell.areaM2)} m²`],
    ['Seen', `${formatVenueTime(cell.ts, venue.timeZone)} by ${cell.droneId}`],
  ]
  for (const [name, value] of lines) {
    const line = document.createElement('div')
    const label = document.createElement('span')
    label.className = 'text-ink-faint'
    label.textContent = `${name}: `
    const text = document.createElement('span')
    text.className = 'font-semibold figure'
    text.textContent = value
    line.append(label, text)
    root.append(line)
  }
  if (stale) {
    const note = document.createElement('div')
    note.className = 'font-semibold text-band-busy'
    note.textContent = 'Not observed recently: this reading is old.'
    root.append(note)
  }
  if (cell.doubtful) {
    const note = document.createElement('div')
    note.className = 'font-semibold text-white'
    note.textContent = 'Doubtful count: above the plausible maximum. Check before acting.'
    root.append(note)
  }

  return root
}

/**
 * The zone cells, coloured by band. Each cell's outline is added to the map once, by a diff
 * keyed by cell id; after that only the cells whose band, freshness or doubt changed are touched,
 * as feature state, inside the animation frame the store flushes in. A slow timer fades the
 * cells that have not been observed lately.
 */
export function CellsLayer({
  store,
  venue,
  staleAfterMs,
}: {
  store: LiveStore
  venue: Venue
  staleAfterMs: number
}) {
  const { map, isAlive } = useMapInstance()

  useEffect(() => {
    const colors = readBandColors()
    const bandColor = matchBandColor(colors)
    addHatchImages(map)

    map.addSource(SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'cellId',
    })
    const stale: ExpressionSpecification = ['boolean', ['feature-state', 'stale'], false]
    map.addLayer({
      id: FILL,
      type: 'fill',
      source: SOURCE,
      paint: { 'fill-color': bandColor, 'fill-opacity': ['case', stale, 0.16, 0.6] },
    })
    // fill-pattern cannot read feature state, so each hatch has its own layer and shows only
    // on the cells of its band, through an opacity that can.
    for (const hatch of HATCHES) {
      map.addLayer({
        id: `${HATCH_PREFIX}${hatch.band}`,
        type: 'fill',
        source: SOURCE,
        paint: {
          'fill-pattern': hatch.id,
          'fill-opacity': [
            'case',
            ['!=', ['feature-state', 'band'], hatch.band],
            0,
            ['case', stale, 0.25, 0.85],
          ],
        },
      })
    }
    map.addLayer({
      id: OUTLINE,
      type: 'line',
      source: SOURCE,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': bandColor,
        'line-width': ['match', ['feature-state', 'band'], 'critical', 3.5, 'high', 2, 1],
        'line-opacity': ['case', stale, 0.35, 0.95],
      },
    })
    map.addLayer({
      id: DOUBTFUL,
      type: 'line',
      source: SOURCE,
      paint: {
        'line-color': '#ffffff',
        'line-width': 3,
        'line-dasharray': [1.5, 1],
        'line-opacity': ['case', ['boolean', ['feature-state', 'doubtful'], false], 1, 0],
      },
    })

    const source = map.getSource<GeoJSONSource>(SOURCE)
    const drawn = new Map<string, DrawnCell>()
    const doubtfulMarkers = new Map<string, Marker>()
    const isStale = (cell: CellState) => store.serverNow() - cell.ts > staleAfterMs

    function markDoubtful(cellId: string, doubtful: boolean) {
      const marker = doubtfulMarkers.get(cellId)
      if (doubtful && !marker) {
        const center = findCellCenter(cellId)
        const created = new Marker({ element: buildDoubtfulMarker(), anchor: 'bottom' })
          .setLngLat([center.lon, center.lat])
          .addTo(map)
        doubtfulMarkers.set(cellId, created)
      }
      if (!doubtful && marker) {
        marker.remove()
        doubtfulMarkers.delete(cellId)
      }
    }

    function tally() {
      const counts: CellTally = {
        drawn: drawn.size,
        stale: 0,
        bands: Object.fromEntries(BANDS.map((band) => [band, 0])) as CellTally['bands'],
      }
      for (const cell of drawn.values()) {
        counts.bands[cell.band]++
        if (cell.stale) counts.stale++
      }
      const frame = map.getContainer().parentElement
      if (frame) writeCellTally(frame, counts)
    }

    // Geometry travels once per cell through a diff of the source; after that a change is a
    // feature-state write, which repaints without re-tiling anything.
    function redraw(cellIds: Iterable<string>) {
      if (!source || !isAlive()) return
      const add: Feature[] = []
      const remove: string[] = []
      let changed = false

      for (const cellId of cellIds) {
        const cell = store.cells.get(cellId)
        const before = drawn.get(cellId)
        if (!cell) {
          if (!before) continue
          remove.push(cellId)
          drawn.delete(cellId)
          markDoubtful(cellId, false)
          map.removeFeatureState({ source: SOURCE, id: cellId })
          changed = true
          continue
        }
        const after = describe(cell, isStale(cell))
        if (before && sameDrawing(before, after)) continue
        if (!before) add.push(toFeature(cellId))
        drawn.set(cellId, after)
        markDoubtful(cellId, after.doubtful)
        map.setFeatureState({ source: SOURCE, id: cellId }, after)
        changed = true
      }

      if (add.length + remove.length > 0) void source.updateData({ add, remove })
      if (changed) tally()
    }

    redraw(store.cells.keys())
    tally()
    const stopListening = store.onChange((change) => redraw(change.cellIds))

    // Freshness changes with time alone; re-judge every drawn cell, in a frame like the rest.
    const staleTimer = setInterval(() => {
      requestAnimationFrame(() => redraw([...drawn.keys()]))
    }, STALE_CHECK_MS)

    const popup = new Popup({ closeButton: true, maxWidth: '280px' })
    function showCell(event: MapLayerMouseEvent) {
      const cellId = event.features?.[0]?.properties?.cellId
      const cell = typeof cellId === 'string' ? store.cells.get(cellId) : undefined
      if (!cell) return
      popup
        .setLngLat(event.lngLat)
        .setDOMContent(buildPopupContent(cell, isStale(cell), venue))
        .addTo(map)
    }
    const pointAt = () => (map.getCanvas().style.cursor = 'pointer')
    const pointAway = () => (map.getCanvas().style.cursor = '')
    map.on('click', FILL, showCell)
    map.on('mouseenter', FILL, pointAt)
    map.on('mouseleave', FILL, pointAway)

    return () => {
      stopListening()
      clearInterval(staleTimer)
      popup.remove()
      for (const marker of doubtfulMarkers.values()) marker.remove()
      if (!isAlive()) return
      map.off('click', FILL, showCell)
      map.off('mouseenter', FILL, pointAt)
      map.off('mouseleave', FILL, pointAway)
      const hatchLayers = HATCHES.map((hatch) => `${HATCH_PREFIX}${hatch.band}`)
      for (const layer of [DOUBTFUL, OUTLINE, ...hatchLayers, FILL]) {
        if (map.getLayer(layer)) map.removeLayer(layer)
      }
      if (map.getSource(SOURCE)) map.removeSource(SOURCE)
    }
  }, [map, isAlive, store, venue, staleAfterMs])

  return null
}
