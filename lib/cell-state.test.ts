import { describe, expect, it } from 'vitest'

import { DEFAULT_BAND_TABLE, type BandEdges } from './bands'
import { createCellObserver, type CellSettings } from './cell-state'
import { isInsideArea, type GeoPoint } from './geo'
import { findCell, findCellCenter, traceCellOutline } from './grid'
import type { DroneReport } from './report'
import { CHAMP_DE_MARS, squareAround } from './test-fixtures'
import type { Venue } from './venue'

const AVENUE: GeoPoint = { lat: 48.862, lon: 2.288 }
const STAGE: GeoPoint = { lat: 48.85, lon: 2.305 }
const STAGE_EDGES: BandEdges = { busy: 3, warning: 5, high: 8, critical: 15 }

const venue: Venue = {
  id: 'test-venue',
  name: 'Test venue',
  timeZone: 'Europe/Paris',
  center: CHAMP_DE_MARS,
  operatingRadiusKm: 5,
  sectors: [
    { id: 'lawn', name: 'Lawn', kind: 'standing', area: squareAround(CHAMP_DE_MARS, 0.002) },
    { id: 'avenue', name: 'Avenue', kind: 'moving', area: squareAround(AVENUE, 0.001) },
    {
      id: 'stage',
      name: 'Stage pit',
      kind: 'standing',
      area: squareAround(STAGE, 0.001),
      bandEdges: STAGE_EDGES,
    },
  ],
  launchSites: [],
  landmarks: { type: 'FeatureCollection', features: [] },
}

const settings: CellSettings = { resolution: 11, bandTable: DEFAULT_BAND_TABLE }

function reportAt(position: GeoPoint, people: number, areaM2 = 1000): DroneReport {
  return {
    reportId: `D-07@${people}`,
    droneId: 'D-07',
    ts: Date.UTC(2026, 6, 14, 21, 0),
    ...position,
    areaM2,
    people,
  }
}

describe('createCellObserver: observe', () => {
  it('turns a report into its cell, density and band, keeping where it came from', () => {
    const report = reportAt(CHAMP_DE_MARS, 3600)

    expect(createCellObserver(venue, settings).observe(report)).toEqual({
      cellId: findCell(CHAMP_DE_MARS, 11),
      ts: report.ts,
      density: 3.6,
      people: 3600,
      areaM2: 1000,
      band: 'warning',
      kind: 'standing',
      sectorId: 'lawn',
      doubtful: false,
      droneId: 'D-07',
      reportId: report.reportId,
    })
  })

  it('judges a cell of a moving sector by the moving table', () => {
    const cell = createCellObserver(venue, settings).observe(reportAt(AVENUE, 3600))

    expect(cell.kind).toBe('moving')
    expect(cell.sectorId).toBe('avenue')
    expect(cell.band).toBe('high')
  })

  it('judges a cell outside every sector as a moving crowd (fail safe), with no sector', () => {
    const cell = createCellObserver(venue, settings).observe(
      reportAt({ lat: 48.87, lon: 2.32 }, 3600),
    )

    expect(cell.kind).toBe('moving')
    expect(cell.sectorId).toBeNull()
    // 3.6 p/m² is only a warning on a standing lawn but already high in a moving crowd.
    expect(cell.band).toBe('high')
  })

  it('uses the band edges a sector sets for itself', () => {
    const cell = createCellObserver(venue, settings).observe(reportAt(STAGE, 6000))

    expect(cell.sectorId).toBe('stage')
    expect(cell.band).toBe('warning')
  })

  it('judges the same cell the same way whichever drone saw it from wherever in the cell', () => {
    const observer = createCellObserver(venue, settings)
    const one = observer.observe(reportAt(CHAMP_DE_MARS, 2000))
    const other = observer.observe({
      ...reportAt({ lat: CHAMP_DE_MARS.lat + 0.00005, lon: CHAMP_DE_MARS.lon }, 2000),
      droneId: 'D-09',
    })

    expect(other.cellId).toBe(one.cellId)
    expect([other.kind, other.sectorId, other.band]).toEqual([one.kind, one.sectorId, one.band])
  })

  it('places a cell by its centre, not by the position of the report', () => {
    const far = { lat: 48.845, lon: 2.315 }
    const cellId = findCell(far, 11)
    const center = findCellCenter(cellId)
    const [vertexLon, vertexLat] = traceCellOutline(cellId)[0]!
    const nearCorner = {
      lat: center.lat + 0.8 * (vertexLat - center.lat),
      lon: center.lon + 0.8 * (vertexLon - center.lon),
    }
    const corner = squareAround(nearCorner, 0.00003)
    const cornerVenue: Venue = {
      ...venue,
      sectors: [{ id: 'corner', name: 'Corner', kind: 'standing', area: corner }],
    }

    expect(findCell(nearCorner, 11)).toBe(cellId)
    expect(isInsideArea(nearCorner, corner)).toBe(true)
    expect(isInsideArea(center, corner)).toBe(false)

    const cell = createCellObserver(cornerVenue, settings).observe(reportAt(nearCorner, 100))

    expect(cell.sectorId).toBeNull()
    expect(cell.kind).toBe('moving')
  })

  it('flags a density above 12 p/m² as doubtful and shows it as critical', () => {
    const cell = createCellObserver(venue, settings).observe(reportAt(CHAMP_DE_MARS, 13_000))

    expect(cell.doubtful).toBe(true)
    expect(cell.band).toBe('critical')
  })

  it('shows a doubtful density as critical even where a sector sets its critical edge above 12', () => {
    const cell = createCellObserver(venue, settings).observe(reportAt(STAGE, 13_000))

    expect(cell.doubtful).toBe(true)
    expect(cell.band).toBe('critical')
  })

  it('does not flag exactly 12 p/m²', () => {
    const cell = createCellObserver(venue, settings).observe(reportAt(CHAMP_DE_MARS, 12_000))

    expect(cell.doubtful).toBe(false)
    expect(cell.band).toBe('critical')
  })
})

describe('createCellObserver: bandEdgesOf', () => {
  const observer = createCellObserver(venue, settings)

  it('gives the venue-wide edges of the cell kind', () => {
    expect(observer.bandEdgesOf(findCell(CHAMP_DE_MARS, 11))).toEqual(DEFAULT_BAND_TABLE.standing)
    expect(observer.bandEdgesOf(findCell(AVENUE, 11))).toEqual(DEFAULT_BAND_TABLE.moving)
  })

  it("gives a sector's own edges for its cells", () => {
    expect(observer.bandEdgesOf(findCell(STAGE, 11))).toEqual(STAGE_EDGES)
  })

  it('does not let a sector override leak into the shared table', () => {
    observer.bandEdgesOf(findCell(STAGE, 11))

    expect(settings.bandTable.standing).toEqual({ busy: 2, warning: 3.5, high: 4.7, critical: 6 })
  })
})
