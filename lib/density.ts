/**
 * Above this many persons per m² a head count is doubtful, yet real crushes have been measured
 * above 10 p/m²: such a report is kept and shown as critical, and staff are told it is doubtful,
 * so that a person, not a filter, decides.
 */
export const DOUBTFUL_DENSITY = 12

/** Persons per m² in the scanned patch. */
export function computeDensity(people: number, areaM2: number): number {
  return people / areaM2
}

/** Whether a density is high enough that the head count deserves a human look. */
export function isDoubtfulDensity(density: number): boolean {
  return density > DOUBTFUL_DENSITY
}
