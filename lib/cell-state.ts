import { classifyDensity, type Band, type BandEdges, type BandTable, type ZoneKind } from './bands'
import { computeDensity, isDoubtfulDensity } from './density'
import { findCell, findCellCenter } from './grid'
import type { DroneReport } from './report'
import { findSector, type Venue } from './venue'

/** The latest known crowd in one zone cell. */
export type CellState = {
  cellId: string
  ts: number
  density: number
  people: number
  areaM2: number
  band: Band
  kind: ZoneKind
  sectorId: string | null
  /** Density above the plausible maximum: shown as critical, flagged for a person to judge. */
  doubtful: boolean
  droneId: string
  reportId: string
}

export type CellSettings = { resolution: number; bandTable: BandTable }

type CellZone = { kind: ZoneKind; sectorId: string | null; bandTable: BandTable }

/**
 * Makes the observer that turns a report into the observation of its cell. A cell belongs to
 * the sector that holds its centre, so a cell is judged the same way whichever drone saw it.
 */
export function createCellObserver(venue: Venue, settings: CellSettings) {
  const zones = new Map<string, CellZone>()

  function zoneOf(cellId: string): CellZone {
    const known = zones.get(cellId)
    if (known) return known

    const sector = findSector(venue, findCellCenter(cellId))
    // Ground outside every sector (streets, approaches) is judged as a moving crowd: its lower
    // edges fail safe, raising an alert sooner rather than later.
    const kind = sector?.kind ?? 'moving'
    const bandTable = sector?.bandEdges
      ? { ...settings.bandTable, [kind]: sector.bandEdges }
      : settings.bandTable
    const zone = { kind, sectorId: sector?.id ?? null, bandTable }
    zones.set(cellId, zone)

    return zone
  }

  function observe(report: DroneReport): CellState {
    const cellId = findCell(report, settings.resolution)
    const zone = zoneOf(cellId)
    const density = computeDensity(report.people, report.areaM2)
    const doubtful = isDoubtfulDensity(density)

    return {
      cellId,
      ts: report.ts,
      density,
      people: report.people,
      areaM2: report.areaM2,
      // Fail safe: a doubtful count is shown as critical, whatever edges its zone was given.
      band: doubtful ? 'critical' : classifyDensity(density, zone.kind, zone.bandTable),
      kind: zone.kind,
      sectorId: zone.sectorId,
      doubtful,
      droneId: report.droneId,
      reportId: report.reportId,
    }
  }

  return {
    observe,
    /** The band edges a cell is judged by, for rules that need more than its band. */
    bandEdgesOf: (cellId: string): BandEdges => {
      const zone = zoneOf(cellId)

      return zone.bandTable[zone.kind]
    },
  }
}

export type CellObserver = ReturnType<typeof createCellObserver>
