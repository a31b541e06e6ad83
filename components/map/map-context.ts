'use client'

import { createContext, useContext } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'

import type { Band } from '@/lib/bands'

/** What the cells overlay tells the map container, for tests and for the legend. */
export type CellTally = { drawn: number; stale: number; bands: Record<Band, number> }

export type MapOverlayContext = {
  map: MapLibreMap
  /** False once the map is being torn down: overlays must not touch it any more. */
  isAlive: () => boolean
}

export const MapInstanceContext = createContext<MapOverlayContext | null>(null)

/** The map an overlay draws on; overlays render only inside a loaded MapView. */
export function useMapInstance(): MapOverlayContext {
  const context = useContext(MapInstanceContext)
  if (!context) throw new Error('A map overlay must be rendered inside MapView')

  return context
}

/**
 * Writes what the cells overlay draws onto the map frame as data attributes, outside React so
 * that a diff applied in an animation frame costs no render; end-to-end tests read them.
 */
export function writeCellTally(frame: HTMLElement, tally: CellTally) {
  frame.dataset.cellCount = String(tally.drawn)
  frame.dataset.staleCellCount = String(tally.stale)
  frame.dataset.bandCounts = JSON.stringify(tally.bands)
}
