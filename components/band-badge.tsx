import type { Band } from '@/lib/bands'

import { BAND_STYLE } from './band-style'

const SIZES = {
  sm: { badge: 'gap-1.5 px-2 py-0.5 text-xs', swatch: 'h-3 w-3' },
  md: { badge: 'gap-2 px-2.5 py-1 text-sm', swatch: 'h-3.5 w-3.5' },
  lg: { badge: 'gap-2 px-3 py-1.5 text-base', swatch: 'h-4 w-4' },
} as const

/**
 * A band shown as a word on its colour with the band's hatch beside it, so that it reads the
 * same for colour-blind viewers; critical pulses.
 */
export function BandBadge({
  band,
  size = 'md',
  muted = false,
  className = '',
}: {
  band: Band
  size?: keyof typeof SIZES
  /** For what is over, e.g. a resolved alert: no pulse. */
  muted?: boolean
  className?: string
}) {
  const style = BAND_STYLE[band]
  const pulse = band === 'critical' && !muted ? 'pulse-critical' : ''
  const dims = SIZES[size]

  return (
    <span
      className={`inline-flex items-center rounded-md font-black tracking-wider text-black uppercase ${dims.badge} ${style.swatch} ${pulse} ${className}`}
      data-band={band}
    >
      {style.pattern ? (
        <span
          aria-hidden
          className={`inline-block shrink-0 rounded-sm border border-black/60 ${dims.swatch} ${style.pattern}`}
        />
      ) : null}
      {style.label}
    </span>
  )
}
