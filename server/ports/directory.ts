import type { Officer, Station } from '@/lib/directory'

import type { ComponentHealth } from './health'

/** Police stations and their officers: where alerts go and whom to call. */
export interface Directory {
  listStations(): Promise<Station[]>
  /** All officers, or those of one station. */
  listOfficers(stationId?: string): Promise<Officer[]>
  getOfficer(officerId: string): Promise<Officer | null>
  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}
