import { getResolution } from 'h3-js'
import { describe, expect, it } from 'vitest'

import { distanceKm, isInsideArea } from './geo'
import {
  DEFAULT_CELL_RESOLUTION,
  findCell,
  findCellCenter,
  isCellId,
  listCellsInside,
  measureCellArea,
  traceCellOutline,
} from './grid'
import { CHAMP_DE_MARS, EIFFEL_TOWER, squareAround } from './test-fixtures'

const cell = findCell(CHAMP_DE_MARS, DEFAULT_CELL_RESOLUTION)

describe('findCell', () => {
  it('gives a valid cell id at the resolution asked for', () => {
    expect(isCellId(cell)).toBe(true)
    expect(getResolution(cell)).toBe(11)
    expect(getResolution(findCell(CHAMP_DE_MARS, 9))).toBe(9)
  })

  it('gives the same cell for two positions a metre apart and another cell 400 m away', () => {
    expect(findCell({ lat: CHAMP_DE_MARS.lat + 0.00001, lon: CHAMP_DE_MARS.lon }, 11)).toBe(cell)
    expect(findCell(EIFFEL_TOWER, 11)).not.toBe(cell)
  })
})

describe('isCellId', () => {
  it('refuses strings that are not cell ids', () => {
    expect(isCellId('not-a-cell')).toBe(false)
    expect(isCellId('')).toBe(false)
  })
})

describe('findCellCenter', () => {
  it('gives a centre within the cell, close to any position in it', () => {
    const center = findCellCenter(cell)

    expect(findCell(center, 11)).toBe(cell)
    expect(distanceKm(center, CHAMP_DE_MARS)).toBeLessThan(0.05)
  })
})

describe('traceCellOutline', () => {
  it('gives a closed hexagon of [lon, lat] pairs', () => {
    const ring = traceCellOutline(cell)

    expect(ring).toHaveLength(7)
    expect(ring.at(-1)).toEqual(ring[0])
    for (const [lon, lat] of ring) {
      expect(lon).toBeCloseTo(CHAMP_DE_MARS.lon, 2)
      expect(lat).toBeCloseTo(CHAMP_DE_MARS.lat, 2)
    }
  })

  it('surrounds the cell centre', () => {
    const outline = { type: 'Polygon' as const, coordinates: [traceCellOutline(cell)] }

    expect(isInsideArea(findCellCenter(cell), outline)).toBe(true)
  })
})

describe('measureCellArea', () => {
  it('gives a resolution-11 cell about the size of one drone scan (1,000–3,500 m²)', () => {
    const area = measureCellArea(cell)

    expect(area).toBeGreaterThan(1000)
    expect(area).toBeLessThan(3500)
  })
})

describe('listCellsInside', () => {
  const lawn = squareAround(CHAMP_DE_MARS, 0.002)
  const cells = listCellsInside(lawn, 11)

  it('lists cells whose centres are all inside the polygon', () => {
    expect(cells.length).toBeGreaterThan(0)
    for (const id of cells) expect(isInsideArea(findCellCenter(id), lawn)).toBe(true)
  })

  it('covers roughly the area of the polygon', () => {
    const squareM2 =
      distanceKm(
        { lat: CHAMP_DE_MARS.lat - 0.002, lon: CHAMP_DE_MARS.lon },
        { lat: CHAMP_DE_MARS.lat + 0.002, lon: CHAMP_DE_MARS.lon },
      ) *
      distanceKm(
        { lat: CHAMP_DE_MARS.lat, lon: CHAMP_DE_MARS.lon - 0.002 },
        { lat: CHAMP_DE_MARS.lat, lon: CHAMP_DE_MARS.lon + 0.002 },
      ) *
      1e6
    const covered = cells.reduce((sum, id) => sum + measureCellArea(id), 0)

    expect(covered / squareM2).toBeGreaterThan(0.8)
    expect(covered / squareM2).toBeLessThan(1.2)
  })

  it('includes the cell of the polygon centre and not a cell outside it', () => {
    expect(cells).toContain(cell)
    expect(cells).not.toContain(findCell({ lat: 48.87, lon: 2.32 }, 11))
  })
})
