import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Officer, Station } from '@/lib/directory'
import type { Directory } from '@/server/ports/directory'

/** A directory to test, loaded with the suite's seed, and how to throw it away. */
export type DirectoryHarness = { directory: Directory; cleanup(): Promise<void> }

/** The fixture every adapter is loaded with: one Polygon and one MultiPolygon station. */
export const CONTRACT_SEED: { stations: Station[]; officers: Officer[] } = {
  stations: [
    {
      stationId: 'S-N',
      name: 'Station Nord',
      address: '1 rue du Nord',
      phone: '+33 1 00 00 00 01',
      radio: 'NORD-1',
      position: { lat: 48.86, lon: 2.29 },
      jurisdiction: {
        type: 'Polygon',
        coordinates: [
          [
            [2.28, 48.855],
            [2.3, 48.855],
            [2.3, 48.87],
            [2.28, 48.87],
            [2.28, 48.855],
          ],
        ],
      },
    },
    {
      stationId: 'S-S',
      name: 'Station Sud',
      address: '2 rue du Sud',
      phone: '+33 1 00 00 00 02',
      radio: 'SUD-1',
      position: { lat: 48.845, lon: 2.29 },
      jurisdiction: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [2.28, 48.84],
              [2.3, 48.84],
              [2.3, 48.855],
              [2.28, 48.84],
            ],
          ],
          [
            [
              [2.31, 48.84],
              [2.32, 48.84],
              [2.32, 48.85],
              [2.31, 48.84],
            ],
          ],
        ],
      },
    },
  ],
  officers: [
    {
      officerId: 'O-1',
      name: 'Camille Martin',
      rank: 'Brigadier',
      role: 'supervisor',
      stationId: 'S-N',
      phone: '+33 6 00 00 00 01',
      radio: 'NORD-1',
      shifts: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' }],
    },
    {
      officerId: 'O-2',
      name: 'Léa Dubois',
      rank: 'Gardien de la paix',
      role: 'officer',
      stationId: 'S-N',
      phone: '+33 6 00 00 00 02',
      radio: 'NORD-2',
      shifts: [{ days: [5, 6], start: '22:00', end: '06:00' }],
    },
    {
      officerId: 'O-3',
      name: 'Hugo Bernard',
      rank: 'Gardien de la paix',
      role: 'officer',
      stationId: 'S-S',
      phone: '+33 6 00 00 00 03',
      radio: 'SUD-2',
      shifts: [],
    },
  ],
}

/**
 * The behaviour every Directory adapter must show. `open` loads the seed it is given (write it
 * to a file, insert it into a fresh database) and returns a directory over it.
 */
export function describeDirectoryContract(
  name: string,
  open: (seed: typeof CONTRACT_SEED) => Promise<DirectoryHarness>,
) {
  describe(`Directory contract: ${name}`, () => {
    let harness: DirectoryHarness
    let directory: Directory

    beforeEach(async () => {
      harness = await open(structuredClone(CONTRACT_SEED))
      directory = harness.directory
    })

    afterEach(async () => {
      await harness.cleanup()
    })

    it('lists the stations with their positions and jurisdiction polygons', async () => {
      const stations = sortBy(await directory.listStations(), 'stationId')

      expect(stations).toEqual(CONTRACT_SEED.stations)
    })

    it('lists every officer, or the officers of one station', async () => {
      const ids = (officers: Officer[]) => officers.map((officer) => officer.officerId).sort()

      expect(sortBy(await directory.listOfficers(), 'officerId')).toEqual(CONTRACT_SEED.officers)
      expect(ids(await directory.listOfficers('S-N'))).toEqual(['O-1', 'O-2'])
      expect(ids(await directory.listOfficers('S-S'))).toEqual(['O-3'])
      expect(await directory.listOfficers('S-unknown')).toEqual([])
    })

    it('finds an officer by id and answers null for an unknown one', async () => {
      expect(await directory.getOfficer('O-2')).toEqual(CONTRACT_SEED.officers[1])
      expect(await directory.getOfficer('O-404')).toBeNull()
    })

    it('is not changed by a caller editing what it returned', async () => {
      const officer = await directory.getOfficer('O-1')
      officer!.phone = 'changed'
      const [station] = await directory.listStations()
      station!.name = 'changed'

      expect((await directory.getOfficer('O-1'))?.phone).toBe(CONTRACT_SEED.officers[0]?.phone)
      expect((await directory.listStations()).map((s) => s.name)).not.toContain('changed')
    })

    it('describes itself as the directory', async () => {
      const health = await directory.describe()

      expect(health.name).toBe('directory')
      expect(health.state).toBe('up')
      expect(health.detail).not.toBe('')
    })
  })
}

function sortBy<T, K extends keyof T>(items: T[], key: K): T[] {
  return [...items].sort((a, b) => String(a[key]).localeCompare(String(b[key])))
}
