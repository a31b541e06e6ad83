import path from 'node:path'

import type { Venue } from '@/lib/venue'

import { loadVenue } from '../venue/load-venue'

/** The shipped Champ de Mars venue, for tests. */
export function loadTestVenue(): Promise<Venue> {
  return loadVenue(path.join(process.cwd(), 'server', 'seed', 'champ-de-mars.venue.json'))
}
