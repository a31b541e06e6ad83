/** What a drone is doing, as far as its battery and motors are concerned. */
export type DroneActivity = 'cruise' | 'hover' | 'climb' | 'descend' | 'ground'

/**
 * A mid-size survey quadcopter. Drain rates give about 22 min cruising and 25 min hovering on a
 * full pack; motor temperature settles toward ambient + 16–25 °C in flight and cools on the ground.
 */
export type DronePhysics = {
  patrolAltitudeM: number
  climbRateMs: number
  descentRateMs: number
  /** Time spent scanning each waypoint, drifting slowly across the cell. */
  dwellMs: number
  /** Battery level that sends a drone home: enough for the flight back and a landing. */
  reservePercent: number
  /** Landing to take-off, for a crew to swap the pack. */
  swapMs: number
  ambientC: number
  drainPercentPerS: Record<DroneActivity, number>
  heatAboveAmbientC: Record<DroneActivity, number>
  heatTimeConstantS: number
  coolTimeConstantS: number
}

export const DRONE_PHYSICS: DronePhysics = {
  patrolAltitudeM: 60,
  climbRateMs: 3,
  descentRateMs: 2.5,
  dwellMs: 2_000,
  reservePercent: 25,
  swapMs: 60_000,
  ambientC: 22,
  drainPercentPerS: { cruise: 0.074, hover: 0.066, climb: 0.11, descend: 0.05, ground: 0 },
  heatAboveAmbientC: { cruise: 22, hover: 16, climb: 25, descend: 12, ground: 0 },
  heatTimeConstantS: 150,
  coolTimeConstantS: 300,
}

/** The battery level after some time at an activity; never below zero. */
export function drainBattery(
  battery: number,
  activity: DroneActivity,
  seconds: number,
  drainFactor: number,
  physics: DronePhysics = DRONE_PHYSICS,
): number {
  return Math.max(0, battery - physics.drainPercentPerS[activity] * drainFactor * seconds)
}

/** Motor temperature after some time at an activity: it closes in on that activity's level. */
export function updateTemperature(
  tempC: number,
  activity: DroneActivity,
  seconds: number,
  physics: DronePhysics = DRONE_PHYSICS,
): number {
  const target = physics.ambientC + physics.heatAboveAmbientC[activity]
  const timeConstant = activity === 'ground' ? physics.coolTimeConstantS : physics.heatTimeConstantS

  return target + (tempC - target) * Math.exp(-seconds / timeConstant)
}
