/** Below this a drone must head back to change its battery; it is drawn as returning. */
export const LOW_BATTERY_PERCENT = 25

/** Below this a drone has a short flight left; it is drawn in amber. */
export const FAIR_BATTERY_PERCENT = 50

export type BatteryLevel = 'good' | 'fair' | 'low' | 'unknown'

/** How much flight a drone's battery leaves, in the words the map and legend use. */
export function judgeBattery(battery: number | null): BatteryLevel {
  if (battery === null) return 'unknown'
  if (battery < LOW_BATTERY_PERCENT) return 'low'
  if (battery < FAIR_BATTERY_PERCENT) return 'fair'

  return 'good'
}
