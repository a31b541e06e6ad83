import type { MultiPolygon, Polygon } from 'geojson'

import type { GeoPoint } from './geo'

/** A police station and the ground it answers for. */
export type Station = {
  stationId: string
  name: string
  address: string
  phone: string
  /** Radio channel the station's officers listen on. */
  radio: string
  position: GeoPoint
  jurisdiction: Polygon | MultiPolygon
}

/** A weekly duty period in the venue's local time; `end` before `start` runs past midnight. */
export type Shift = {
  /** Days the shift starts on, 0 = Sunday … 6 = Saturday. */
  days: number[]
  start: string
  end: string
}

export type OfficerRole = 'officer' | 'supervisor'

/** A police officer who can be told of alerts (the seed holds fictional people). */
export type Officer = {
  officerId: string
  name: string
  rank: string
  role: OfficerRole
  stationId: string
  phone: string
  radio: string
  shifts: Shift[]
}
