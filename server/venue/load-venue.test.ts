import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { distanceKm } from '@/lib/geo'
import { findCellCenter, listCellsInside } from '@/lib/grid'
import { findSector, type Venue } from '@/lib/venue'

import { loadVenue } from './load-venue'
import { LANDMARK_KINDS } from './parse-venue'

const VENUE_FILE = path.join(process.cwd(), 'server', 'seed', 'champ-de-mars.venue.json')
const RESOLUTION = 11

let venue: Venue
let scratch: string

beforeAll(async () => {
  venue = await loadVenue(VENUE_FILE)
  scratch = await mkdtemp(path.join(tmpdir(), 'crowdwatch-venue-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

async function writeVariant(name: string, change: (raw: Record<string, unknown>) => void) {
  const raw = JSON.parse(await readFile(VENUE_FILE, 'utf8')) as Record<string, unknown>
  change(raw)
  const file = path.join(scratch, name)
  await writeFile(file, JSON.stringify(raw))

  return file
}

describe('the shipped Champ de Mars venue', () => {
  it('loads, in the Paris time zone, with the bridge as a moving sector', () => {
    expect(venue.timeZone).toBe('Europe/Paris')
    expect(venue.sectors.length).toBeGreaterThanOrEqual(8)
    expect(venue.sectors.find((sector) => sector.id === 'pont-iena')?.kind).toBe('moving')
  })

  it('gives every sector cells that findSector maps back to that sector', () => {
    for (const sector of venue.sectors) {
      const cells = listCellsInside(sector.area, RESOLUTION)
      expect(cells.length, sector.id).toBeGreaterThanOrEqual(3)
      for (const cell of cells) {
        expect(findSector(venue, findCellCenter(cell))?.id, `${sector.id} ${cell}`).toBe(sector.id)
      }
    }
  })

  it('keeps every sector and launch site inside the operating area', () => {
    for (const sector of venue.sectors) {
      for (const [lon = 0, lat = 0] of sector.area.coordinates.flat()) {
        expect(distanceKm({ lat, lon }, venue.center)).toBeLessThanOrEqual(venue.operatingRadiusKm)
      }
    }
    expect(venue.launchSites.length).toBeGreaterThanOrEqual(2)
    for (const site of venue.launchSites) {
      expect(distanceKm(site.position, venue.center), site.id).toBeLessThan(venue.operatingRadiusKm)
      // A drone landing for a battery swap must not come down among the crowd.
      expect(findSector(venue, site.position), site.id).toBeUndefined()
    }
  })

  it('sketches the river, the tower and named streets for the offline map', () => {
    const features = venue.landmarks.features
    const kinds = features.map((feature) => feature.properties?.kind as string)
    expect(kinds.every((kind) => (LANDMARK_KINDS as readonly string[]).includes(kind))).toBe(true)
    expect(
      features.some((f) => f.properties?.kind === 'water' && f.geometry.type === 'Polygon'),
    ).toBe(true)
    expect(features.some((f) => f.properties?.name === 'Tour Eiffel')).toBe(true)
    const streets = features.filter((feature) => feature.properties?.kind === 'street')
    expect(streets.length).toBeGreaterThanOrEqual(6)
    expect(streets.every((street) => typeof street.properties?.name === 'string')).toBe(true)
  })
})

describe('loadVenue on a bad file', () => {
  it('names the file when it cannot be read', async () => {
    const missing = path.join(scratch, 'missing.json')
    await expect(loadVenue(missing)).rejects.toThrow(
      `${missing}: cannot read the venue file (ENOENT)`,
    )
  })

  it('names the file when it is not JSON', async () => {
    const file = path.join(scratch, 'broken.json')
    await writeFile(file, '{ "id": ')
    await expect(loadVenue(file)).rejects.toThrow(`${file}: the venue file is not valid JSON`)
  })

  it('names the sector and field of a ring that does not close', async () => {
    const file = await writeVariant('open-ring.json', (raw) => {
      const sectors = raw.sectors as { area: { coordinates: number[][][] } }[]
      sectors[1]?.area.coordinates[0]?.pop()
    })
    await expect(loadVenue(file)).rejects.toThrow(
      `${file}: invalid venue: sectors[1] ("champ-de-mars-central").area.coordinates[0]: ` +
        'a ring must end where it starts',
    )
  })

  it('refuses a sector outline that crosses itself', async () => {
    const file = await writeVariant('bow-tie.json', (raw) => {
      const sectors = raw.sectors as { area: { coordinates: number[][][] } }[]
      const ring = sectors[0]?.area.coordinates[0] as number[][]
      ;[ring[1], ring[2]] = [ring[2] as number[], ring[1] as number[]]
    })
    await expect(loadVenue(file)).rejects.toThrow(
      /sectors\[0\].*cross: the ring must not intersect/,
    )
  })

  it('lists every problem: a launch site out of range and an unknown time zone', async () => {
    const file = await writeVariant('far-site.json', (raw) => {
      const sites = raw.launchSites as { position: { lat: number; lon: number } }[]
      if (sites[0]) sites[0].position = { lat: 48.3, lon: 2.3 }
      raw.timeZone = 'Europe/Pariss'
    })
    const failure = loadVenue(file)
    await expect(failure).rejects.toThrow(/invalid venue: timeZone: must be an IANA time zone/)
    await expect(failure).rejects.toThrow(
      /launchSites\[0\] \("ls-ecole-militaire"\)\.position: is 6\d\.\d km from the center/,
    )
  })

  it('refuses two sectors with one id, pointing at the first', async () => {
    const file = await writeVariant('twin-ids.json', (raw) => {
      const sectors = raw.sectors as { id: string }[]
      if (sectors[3]) sectors[3].id = 'champ-de-mars-north'
    })
    await expect(loadVenue(file)).rejects.toThrow(
      'sectors[3] ("champ-de-mars-north").id: repeats the id of sectors[0]; ids must be unique',
    )
  })

  it('names the landmark whose kind the map cannot style', async () => {
    const file = await writeVariant('bad-kind.json', (raw) => {
      const landmarks = raw.landmarks as { features: { properties: { kind: string } }[] }
      if (landmarks.features[0]) landmarks.features[0].properties.kind = 'lake'
    })
    await expect(loadVenue(file)).rejects.toThrow(
      'landmarks.features[0] ("La Seine").properties.kind: must be one of water, landmark',
    )
  })
})
