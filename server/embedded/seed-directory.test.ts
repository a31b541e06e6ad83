import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CONTRACT_SEED, describeDirectoryContract } from '@/server/contracts/directory.contract'

import { createSeedDirectory } from './seed-directory'
import { createTempFolder } from './create-temp-folder'

describeDirectoryContract('seed file', async (seed) => {
  const folder = await createTempFolder('directory')
  const file = join(folder.path, 'directory.json')
  await writeFile(file, JSON.stringify(seed, null, 2))
  const directory = await createSeedDirectory({ file })

  return {
    directory,
    cleanup: async () => {
      await directory.close()
      await folder.remove()
    },
  }
})

describe('seed directory', () => {
  let folder: Awaited<ReturnType<typeof createTempFolder>>

  beforeEach(async () => {
    folder = await createTempFolder('directory')
  })

  afterEach(async () => {
    await folder.remove()
  })

  async function writeSeed(seed: unknown) {
    const file = join(folder.path, 'directory.json')
    await writeFile(file, typeof seed === 'string' ? seed : JSON.stringify(seed))

    return file
  }

  it('loads a seed that is already parsed', async () => {
    const directory = await createSeedDirectory({ seed: CONTRACT_SEED, origin: 'a test' })

    expect(await directory.getOfficer('O-3')).toEqual(CONTRACT_SEED.officers[2])
    expect((await directory.describe()).detail).toBe(
      'directory seed loaded from a test: 2 stations, 3 officers',
    )
  })

  it('names the file, the entry and the field of a bad value', async () => {
    const seed = structuredClone(CONTRACT_SEED) as { officers: Record<string, unknown>[] }
    seed.officers[1]!.role = 'captain'
    const file = await writeSeed(seed)

    const failure = createSeedDirectory({ file })

    await expect(failure).rejects.toThrow(file)
    await expect(failure).rejects.toThrow('officers[1] (officerId "O-2") field role')
  })

  it('names a missing field of a station', async () => {
    const seed = structuredClone(CONTRACT_SEED) as { stations: Record<string, unknown>[] }
    delete seed.stations[0]!.phone

    await expect(createSeedDirectory({ file: await writeSeed(seed) })).rejects.toThrow(
      'stations[0] (stationId "S-N") field phone: is required',
    )
  })

  it('refuses a jurisdiction whose ring does not close', async () => {
    const seed = structuredClone(CONTRACT_SEED)
    const ring = seed.stations[0]!.jurisdiction.coordinates[0] as number[][]
    ring[ring.length - 1] = [2.5, 48.9]

    await expect(createSeedDirectory({ file: await writeSeed(seed) })).rejects.toThrow(
      /stations\[0\] \(stationId "S-N"\) field jurisdiction\.coordinates\.0: .*end where it starts/,
    )
  })

  it('refuses an officer of a station the seed does not hold', async () => {
    const seed = structuredClone(CONTRACT_SEED)
    seed.officers[2]!.stationId = 'S-X'

    await expect(createSeedDirectory({ file: await writeSeed(seed) })).rejects.toThrow(
      'officers[2] (officerId "O-3") field stationId: names the station "S-X"',
    )
  })

  it('refuses two stations with one id', async () => {
    const seed = structuredClone(CONTRACT_SEED)
    seed.stations[1]!.stationId = 'S-N'
    seed.officers[2]!.stationId = 'S-N'

    await expect(createSeedDirectory({ file: await writeSeed(seed) })).rejects.toThrow(
      'stations[1] (stationId "S-N") field stationId: is used by an earlier station',
    )
  })

  it('names the file when it is not JSON or not there', async () => {
    const broken = await writeSeed('{ "stations": [')
    const missing = join(folder.path, 'missing.json')

    await expect(createSeedDirectory({ file: broken })).rejects.toThrow(
      `${broken}: the directory seed is not valid JSON`,
    )
    await expect(createSeedDirectory({ file: missing })).rejects.toThrow(
      `${missing}: cannot read the directory seed`,
    )
  })

  it('names a seed that is not an object of stations and officers', async () => {
    await expect(createSeedDirectory({ seed: [], origin: 'a test' })).rejects.toThrow(
      'a test: invalid directory seed',
    )
    await expect(createSeedDirectory({ seed: { stations: [] }, origin: 'a test' })).rejects.toThrow(
      'field officers: must be a list of officers',
    )
  })
})
