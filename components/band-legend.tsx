import { BANDS, bandLowerEdge, type Band, type BandTable, type ZoneKind } from '@/lib/bands'

import { BAND_STYLE } from './band-style'
import { FAIR_BATTERY_PERCENT, LOW_BATTERY_PERCENT } from './drone-battery'
import { formatDensity } from './format'

function describeRange(band: Band, kind: ZoneKind, table: BandTable): string {
  const index = BANDS.indexOf(band)
  const lower = bandLowerEdge(band, kind, table)
  const next = BANDS[index + 1]
  if (!next) return `≥ ${formatDensity(lower)}`
  const upper = bandLowerEdge(next, kind, table)
  if (band === 'normal') return `< ${formatDensity(upper)}`

  return `${formatDensity(lower)} – ${formatDensity(upper)}`
}

/**
 * What the colours mean: each band with its hatch and its edges in persons per m², for standing
 * and for moving zones, plus the marks for old, doubtful and drone readings.
 */
export function BandLegend({ bandTable }: { bandTable: BandTable }) {
  return (
    <details
      open
      className="group rounded-lg border border-line bg-surface-1/92 text-sm shadow-lg backdrop-blur"
    >
      <summary className="cursor-pointer px-3 py-2 text-xs font-bold tracking-widest text-ink-muted uppercase select-none">
        Density bands, p/m²
      </summary>
      <table className="mx-3 mb-2 figure" aria-label="Density bands in persons per square metre">
        <thead>
          <tr className="text-left text-xs text-ink-faint">
            <th scope="col" className="pr-3 font-semibold">
              Band
            </th>
            <th scope="col" className="pr-3 font-semibold">
              Standing
            </th>
            <th scope="col" className="font-semibold">
              Moving
            </th>
          </tr>
        </thead>
        <tbody>
          {[...BANDS].reverse().map((band) => {
            const style = BAND_STYLE[band]

            return (
              <tr key={band}>
                <th scope="row" className="py-0.5 pr-3 text-left font-semibold">
                  <span className="flex items-center gap-2">
                    <span
                      aria-hidden
                      className={`inline-block h-4 w-6 rounded-sm ${style.swatch} ${band === 'critical' ? 'pulse-critical' : ''}`}
                    >
                      <span className={`block h-full w-full rounded-sm ${style.pattern}`} />
                    </span>
                    {style.label}
                  </span>
                </th>
                <td className="pr-3 tabular-nums">{describeRange(band, 'standing', bandTable)}</td>
                <td className="tabular-nums">{describeRange(band, 'moving', bandTable)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <ul className="mx-3 mb-3 space-y-1 border-t border-line pt-2 text-xs text-ink-muted">
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block h-3 w-6 rounded-sm bg-band-high opacity-25" />
          Faded: not observed lately
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden
            className="inline-block h-3 w-6 rounded-sm border-2 border-dashed border-white"
          />
          Dashed white: doubtful count
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden
            className="inline-block h-3 w-6 rounded-full border-2 border-band-critical"
          />
          Ring: open alert (dashed once acknowledged)
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="flex gap-0.5">
            <span className="h-3 w-2 rounded-sm bg-[var(--drone-good)]" />
            <span className="h-3 w-2 rounded-sm bg-[var(--drone-fair)]" />
            <span className="h-3 w-2 rounded-sm bg-[var(--drone-low)]" />
          </span>
          Drone battery: ≥ {FAIR_BATTERY_PERCENT}%, ≥ {LOW_BATTERY_PERCENT}%, LOW (returning)
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden
            className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-ink-muted text-[0.6rem] font-bold"
          >
            H
          </span>
          Launch site: drones take off, land and change batteries there
        </li>
      </ul>
    </details>
  )
}
