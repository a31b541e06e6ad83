import { readFile } from 'node:fs/promises'

import type { Directory } from '@/server/ports/directory'

import { describeError } from './describe-error'
import { parseDirectorySeed } from './parse-directory-seed'

/** Where the seed comes from: a JSON file, or an object already parsed (named for messages). */
export type SeedDirectorySource = { file: string } | { seed: unknown; origin?: string }

/**
 * Opens the embedded directory: stations and officers loaded once from a seed, checked in full
 * before anything is served, and kept in memory.
 */
export async function createSeedDirectory(source: SeedDirectorySource): Promise<Directory> {
  const origin = 'file' in source ? source.file : (source.origin ?? 'an in-memory seed')
  const seed = 'file' in source ? await readSeedFile(source.file) : source.seed
  const { stations, officers } = parseDirectorySeed(seed, origin)
  const officersById = new Map(officers.map((officer) => [officer.officerId, officer]))
  const summary = `${stations.length} stations, ${officers.length} officers`

  // Callers get copies, so nobody can change the directory by editing what it returned.
  return {
    listStations: async () => structuredClone(stations),
    listOfficers: async (stationId) =>
      structuredClone(
        stationId === undefined
          ? officers
          : officers.filter((officer) => officer.stationId === stationId),
      ),
    getOfficer: async (officerId) => structuredClone(officersById.get(officerId) ?? null),
    describe: async () => ({
      name: 'directory',
      state: 'up',
      detail: `directory seed loaded from ${origin}: ${summary}`,
    }),
    close: async () => {},
  }
}

async function readSeedFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(`${file}: cannot read the directory seed: ${describeError(error)}`)
  }

  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new Error(`${file}: the directory seed is not valid JSON: ${describeError(error)}`)
  }
}
