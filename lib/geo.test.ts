import type { MultiPolygon, Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'

import { distanceKm, isInsideArea } from './geo'
import { CHAMP_DE_MARS, EIFFEL_TOWER, NOTRE_DAME, squareAround } from './test-fixtures'

describe('distanceKm', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceKm({ lat: 48, lon: 2.3 }, { lat: 49, lon: 2.3 })).toBeCloseTo(111.19, 1)
  })

  it('takes latitude and longitude in the right order (Eiffel Tower to Notre-Dame is about 4.1 km)', () => {
    expect(distanceKm(EIFFEL_TOWER, NOTRE_DAME)).toBeCloseTo(4.1, 1)
  })

  it('is zero from a point to itself and the same both ways', () => {
    expect(distanceKm(EIFFEL_TOWER, EIFFEL_TOWER)).toBe(0)
    expect(distanceKm(EIFFEL_TOWER, NOTRE_DAME)).toBe(distanceKm(NOTRE_DAME, EIFFEL_TOWER))
  })
})

describe('isInsideArea', () => {
  const area = squareAround(CHAMP_DE_MARS, 0.002)

  it('finds a point inside and one outside', () => {
    expect(isInsideArea({ lat: 48.8556, lon: 2.2986 }, area)).toBe(true)
    expect(isInsideArea({ lat: 48.8556, lon: 2.31 }, area)).toBe(false)
  })

  it('does not confuse latitude with longitude', () => {
    const tall: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [2.29, 48.8],
          [2.3, 48.8],
          [2.3, 48.9],
          [2.29, 48.9],
          [2.29, 48.8],
        ],
      ],
    }

    expect(isInsideArea({ lat: 48.85, lon: 2.295 }, tall)).toBe(true)
    expect(isInsideArea({ lat: 2.295, lon: 48.85 }, tall)).toBe(false)
  })

  it('counts a point on the edge as inside', () => {
    expect(isInsideArea({ lat: 48.8556, lon: 2.2986 + 0.002 }, area)).toBe(true)
  })

  it('treats a hole as outside', () => {
    const ring = (outer: Polygon) => outer.coordinates[0]!
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [ring(area), ring(squareAround(CHAMP_DE_MARS, 0.0005)).slice().reverse()],
    }

    expect(isInsideArea({ lat: 48.8556, lon: 2.2986 }, withHole)).toBe(false)
    expect(isInsideArea({ lat: 48.8556 + 0.0015, lon: 2.2986 }, withHole)).toBe(true)
  })

  it('looks in every part of a multipolygon', () => {
    const parts: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [area.coordinates, squareAround({ lat: 48.86, lon: 2.32 }, 0.001).coordinates],
    }

    expect(isInsideArea({ lat: 48.86, lon: 2.32 }, parts)).toBe(true)
    expect(isInsideArea({ lat: 48.87, lon: 2.32 }, parts)).toBe(false)
  })
})
