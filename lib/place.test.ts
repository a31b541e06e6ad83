import { describe, expect, it } from 'vitest'

import { describeOffset, findAreaCentre } from './place'

const CENTRE = { lat: 48.8556, lon: 2.2986 }

describe('describeOffset', () => {
  it('says a spot within 15 m is at the centre', () => {
    expect(describeOffset(CENTRE, { lat: CENTRE.lat + 0.0001, lon: CENTRE.lon })).toBe(
      'at the centre',
    )
  })

  it('gives the distance rounded and one of eight compass directions', () => {
    // 0.0004° of latitude is about 44 m.
    expect(describeOffset(CENTRE, { lat: CENTRE.lat + 0.0004, lon: CENTRE.lon })).toBe(
      '45 m north of the centre',
    )
    expect(describeOffset(CENTRE, { lat: CENTRE.lat - 0.001, lon: CENTRE.lon - 0.0015 })).toBe(
      '160 m south-west of the centre',
    )
    expect(describeOffset(CENTRE, { lat: CENTRE.lat, lon: CENTRE.lon + 0.002 })).toBe(
      '150 m east of the centre',
    )
  })
})

describe('findAreaCentre', () => {
  it('finds the middle of a square', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [2.29, 48.85],
          [2.3, 48.85],
          [2.3, 48.86],
          [2.29, 48.86],
          [2.29, 48.85],
        ],
      ],
    }

    const centre = findAreaCentre(square)

    expect(centre.lat).toBeCloseTo(48.855, 6)
    expect(centre.lon).toBeCloseTo(2.295, 6)
  })
})
