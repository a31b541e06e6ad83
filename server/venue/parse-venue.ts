import { z } from 'zod'

import { distanceKm } from '@/lib/geo'
import type { Venue } from '@/lib/venue'

import { findRingProblems } from './find-ring-problems'

/** Enough problems to fix a file in one pass without burying the first one. */
const PROBLEMS_LISTED = 8

/** Kinds of landmark the offline map knows how to style. */
export const LANDMARK_KINDS = ['water', 'landmark', 'street', 'park'] as const

const requiredText = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string') })
  .trim()
  .min(1, { error: 'must not be blank' })

function numberBetween(low: number, high: number) {
  const range = `from ${low} to ${high}`

  return z
    .number({
      error: (issue) => (issue.input === undefined ? 'is missing' : `must be a number ${range}`),
    })
    .gte(low, { error: `must be ${range}` })
    .lte(high, { error: `must be ${range}` })
}

const geoPoint = z.object({ lat: numberBetween(-90, 90), lon: numberBetween(-180, 180) })

// GeoJSON order: longitude first. A third number (altitude) is allowed and ignored.
const position = z
  .array(z.number({ error: 'must hold numbers only' }))
  .refine((numbers) => numbers.length === 2 || numbers.length === 3, {
    error: 'must be [longitude, latitude], optionally with an altitude',
  })
  .refine(([lon = NaN, lat = NaN]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, {
    error: 'must have a longitude within ±180° and a latitude within ±90°',
  })

const ring = z.array(position).superRefine((points, context) => {
  for (const message of findRingProblems(points)) context.addIssue({ code: 'custom', message })
})

const polygonRings = z.array(ring).min(1, { error: 'a polygon needs an outer ring' })
const polygon = z.object({ type: z.literal('Polygon'), coordinates: polygonRings })

const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: position }),
    z.object({
      type: z.literal('LineString'),
      coordinates: z.array(position).min(2, { error: 'a line needs at least 2 positions' }),
    }),
    z.object({
      type: z.literal('MultiLineString'),
      coordinates: z.array(
        z.array(position).min(2, { error: 'a line needs at least 2 positions' }),
      ),
    }),
    polygon,
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonRings).min(1) }),
  ],
  { error: 'must be a GeoJSON Point, LineString, MultiLineString, Polygon or MultiPolygon' },
)

const landmark = z.object({
  type: z.literal('Feature', { error: 'must be "Feature"' }),
  // Extra properties (labels, colours) are kept for the map; only the kind is required.
  properties: z.looseObject({
    kind: z.enum(LANDMARK_KINDS, { error: `must be one of ${LANDMARK_KINDS.join(', ')}` }),
    name: requiredText.optional(),
  }),
  geometry,
})

const bandEdges = z
  .object({
    busy: numberBetween(0, 100),
    warning: numberBetween(0, 100),
    high: numberBetween(0, 100),
    critical: numberBetween(0, 100),
  })
  .refine(
    (edges) =>
      edges.busy > 0 &&
      edges.busy < edges.warning &&
      edges.warning < edges.high &&
      edges.high < edges.critical,
    { error: 'band edges must be positive and rise from busy to critical' },
  )

const sector = z.object({
  id: requiredText,
  name: requiredText,
  kind: z.enum(['standing', 'moving'], { error: 'must be "standing" or "moving"' }),
  area: polygon,
  bandEdges: bandEdges.optional(),
})

const launchSite = z.object({ id: requiredText, name: requiredText, position: geoPoint })

const timeZone = requiredText.refine(isKnownTimeZone, {
  error: 'must be an IANA time zone such as "Europe/Paris"',
})

const VenueSchema = z
  .object({
    id: requiredText,
    name: requiredText,
    timeZone,
    center: geoPoint,
    operatingRadiusKm: numberBetween(0.1, 100),
    sectors: z.array(sector).min(1, { error: 'a venue needs at least one sector' }),
    launchSites: z.array(launchSite).min(1, { error: 'drones need at least one launch site' }),
    landmarks: z.object({
      type: z.literal('FeatureCollection', { error: 'must be "FeatureCollection"' }),
      features: z.array(landmark),
    }),
  })
  .superRefine((venue, context) => {
    for (const list of ['sectors', 'launchSites'] as const) {
      const firstSeen = new Map<string, number>()
      venue[list].forEach((entry, index) => {
        const earlier = firstSeen.get(entry.id)
        if (earlier === undefined) {
          firstSeen.set(entry.id, index)

          return
        }
        context.addIssue({
          code: 'custom',
          path: [list, index, 'id'],
          message: `repeats the id of ${list}[${earlier}]; ids must be unique`,
        })
      })
    }
    // Reports from beyond the operating radius are refused, so anything drawn there is unreachable.
    const reach = (point: { lat: number; lon: number }) => distanceKm(point, venue.center)
    venue.launchSites.forEach((site, index) => {
      const km = reach(site.position)
      if (km <= venue.operatingRadiusKm) return
      context.addIssue({
        code: 'custom',
        path: ['launchSites', index, 'position'],
        message: `is ${km.toFixed(1)} km from the center, outside the ${venue.operatingRadiusKm} km operating radius`,
      })
    })
    venue.sectors.forEach((entry, index) => {
      const outside = entry.area.coordinates
        .flat()
        .find(([lon = 0, lat = 0]) => reach({ lat, lon }) > venue.operatingRadiusKm)
      if (!outside) return
      context.addIssue({
        code: 'custom',
        path: ['sectors', index, 'area'],
        message: `has the corner [${outside.join(', ')}] outside the ${venue.operatingRadiusKm} km operating radius`,
      })
    })
  })

/**
 * Checks a venue read from `origin` (a file path, say) and returns it typed. A bad venue throws
 * one error that lists each problem with its place, like `sectors[5] ("pont-iena").area`, so
 * whoever edits the file sees every fix to make at once.
 */
export function parseVenue(raw: unknown, origin: string): Venue {
  const result = VenueSchema.safeParse(raw)
  if (result.success) return result.data

  const issues = result.error.issues
  const listed = issues
    .slice(0, PROBLEMS_LISTED)
    .map((issue) => `${placeIssue(raw, issue.path)}: ${issue.message}`)
  if (issues.length > PROBLEMS_LISTED)
    listed.push(`${issues.length - PROBLEMS_LISTED} more problems`)

  throw new Error(`${origin}: invalid venue: ${listed.join('; ')}`)
}

/**
 * Writes an issue path as a person would look for it in the file: indexes in brackets, and
 * beside each entry the id or name that identifies it.
 */
function placeIssue(raw: unknown, path: PropertyKey[]): string {
  if (path.length === 0) return 'the venue'

  let place = ''
  let node: unknown = raw
  for (const key of path) {
    node =
      isRecord(node) || Array.isArray(node)
        ? (node as Record<PropertyKey, unknown>)[key]
        : undefined
    if (typeof key !== 'number') {
      place += place === '' ? String(key) : `.${String(key)}`
      continue
    }
    place += `[${key}]`
    const label = nameEntry(node)
    if (label) place += ` ("${label}")`
  }

  return place
}

function nameEntry(entry: unknown): string | null {
  if (!isRecord(entry)) return null
  if (typeof entry.id === 'string') return entry.id

  const properties = entry.properties

  return isRecord(properties) && typeof properties.name === 'string' ? properties.name : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })

    return true
  } catch {
    return false
  }
}
