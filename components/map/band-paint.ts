import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl'

import { BANDS, type Band } from '@/lib/bands'

const FALLBACK: Record<Band, string> = {
  normal: '#2fbf71',
  busy: '#f2c94c',
  warning: '#f2842a',
  high: '#e5383b',
  critical: '#e0218a',
}

/** The band colours from the page's CSS, so the map and the badges share one definition. */
export function readBandColors(): Record<Band, string> {
  const style = getComputedStyle(document.documentElement)
  const colors = { ...FALLBACK }
  for (const band of BANDS) {
    const value = style.getPropertyValue(`--band-${band}`).trim()
    if (value) colors[band] = value
  }

  return colors
}

/** A paint expression that picks a cell's colour from its `band` feature state. */
export function matchBandColor(colors: Record<Band, string>): ExpressionSpecification {
  return [
    'match',
    ['coalesce', ['feature-state', 'band'], 'none'],
    'normal',
    colors.normal,
    'busy',
    colors.busy,
    'warning',
    colors.warning,
    'high',
    colors.high,
    'critical',
    colors.critical,
    'rgba(0, 0, 0, 0)',
  ]
}

/** The hatch of each upper band, the same patterns as the legend and the badges. */
export const HATCHES: { band: Band; id: string; period: number; crossed: boolean }[] = [
  { band: 'warning', id: 'cw-hatch-warning', period: 8, crossed: false },
  { band: 'high', id: 'cw-hatch-high', period: 8, crossed: true },
  { band: 'critical', id: 'cw-hatch-critical', period: 6, crossed: true },
]

const HATCH_SIZE = 24
const STROKE = 2
const HATCH_PIXEL_RATIO = 2

/**
 * Registers the hatch patterns as map images, drawn pixel by pixel so that no sprite sheet has
 * to be served. The tile size is a multiple of each period, so the stripes join seamlessly.
 */
export function addHatchImages(map: MapLibreMap) {
  for (const hatch of HATCHES) {
    if (map.hasImage(hatch.id)) continue
    const data = new Uint8Array(HATCH_SIZE * HATCH_SIZE * 4)
    for (let y = 0; y < HATCH_SIZE; y++) {
      for (let x = 0; x < HATCH_SIZE; x++) {
        const rising = (x + y) % hatch.period < STROKE
        const falling = hatch.crossed && (x - y + HATCH_SIZE) % hatch.period < STROKE
        if (!rising && !falling) continue
        const offset = (y * HATCH_SIZE + x) * 4
        data[offset + 3] = 150
      }
    }
    map.addImage(
      hatch.id,
      { width: HATCH_SIZE, height: HATCH_SIZE, data },
      { pixelRatio: HATCH_PIXEL_RATIO },
    )
  }
}
