import {
  DRONE_PHYSICS,
  drainBattery,
  updateTemperature,
  type DroneActivity,
  type DronePhysics,
} from './drone-physics'
import { measureDistance, measureHeading, type FramePoint } from './local-frame'
import type { PatrolRoute } from './patrol-route'

/**
 * transit: flying to the next waypoint · scanning: drifting slowly over it · returning: flying
 * home on reserve · landing · swapping: on the ground, pack being changed · climbing: back up.
 */
export type DronePhase = 'transit' | 'scanning' | 'returning' | 'landing' | 'swapping' | 'climbing'

/** One simulated drone: where it is, what it is doing, and the route it flies. */
export type DroneState = {
  droneId: string
  /** Position in the drone's list; keys its noise. */
  index: number
  phase: DronePhase
  position: FramePoint
  altitudeM: number
  headingDeg: number
  /** Ground speed over the last step. */
  speedMs: number
  battery: number
  tempC: number
  /** The route flown now: its own, or that of a drone it stands in for. */
  route: PatrolRoute
  ownRoute: PatrolRoute
  /** The drone whose route this one flies while that drone changes batteries. */
  coveringFor: string | null
  waypoint: number
  direction: 1 | -1
  /** Time left scanning the current waypoint, or on the ground changing the pack. */
  timerMs: number
  launchSiteId: string
  launch: FramePoint
  cruiseSpeedMs: number
  scanSpeedMs: number
  /** Each airframe and pack drains a little differently. */
  drainFactor: number
}

const ACTIVITY: Record<DronePhase, DroneActivity> = {
  transit: 'cruise',
  scanning: 'hover',
  returning: 'cruise',
  landing: 'descend',
  swapping: 'ground',
  climbing: 'climb',
}

/**
 * A step is cut where the phase changes (arriving, touching down), so that each piece is flown
 * at one activity and a change happens at its exact moment; this caps the cuts in one step.
 */
const MAX_PIECES = 32

/** Advances one drone by some time: it flies, scans, goes home on reserve, swaps and returns. */
export function stepDrone(
  drone: DroneState,
  elapsedMs: number,
  physics: DronePhysics = DRONE_PHYSICS,
): DroneState {
  let state = drone
  let leftMs = Math.max(0, elapsedMs)
  let speedMs = drone.speedMs

  for (let piece = 0; piece < MAX_PIECES && leftMs > 0; piece++) {
    const before = state
    const { next, usedMs } = advancePhase(before, leftMs, physics)
    const seconds = usedMs / 1000
    const activity = ACTIVITY[before.phase]
    state = {
      ...next,
      battery: drainBattery(next.battery, activity, seconds, before.drainFactor, physics),
      tempC: updateTemperature(next.tempC, activity, seconds, physics),
    }
    // The speed a drone reports is its ground speed now, so the last stretch of the step sets it.
    if (usedMs > 0) speedMs = measureDistance(before.position, state.position) / seconds
    leftMs -= usedMs
  }

  return { ...state, speedMs }
}

type Advance = { next: DroneState; usedMs: number }

function advancePhase(drone: DroneState, leftMs: number, physics: DronePhysics): Advance {
  const onPatrol = drone.phase === 'transit' || drone.phase === 'scanning'
  if (onPatrol && drone.battery <= physics.reservePercent) {
    return { next: { ...drone, phase: 'returning' }, usedMs: 0 }
  }

  switch (drone.phase) {
    case 'transit':
      return flyToWaypoint(drone, leftMs, physics)
    case 'scanning':
      return scanWaypoint(drone, leftMs)
    case 'returning':
      return flyHome(drone, leftMs)
    case 'landing':
      return land(drone, leftMs, physics)
    case 'swapping':
      return swapBattery(drone, leftMs)
    case 'climbing':
      return climb(drone, leftMs, physics)
  }
}

function flyToWaypoint(drone: DroneState, leftMs: number, physics: DronePhysics): Advance {
  const target = drone.route.waypoints[drone.waypoint]
  if (!target) return { next: { ...drone, phase: 'scanning', timerMs: physics.dwellMs }, usedMs: 0 }

  const { position, arrived, usedMs, headingDeg } = moveToward(drone, target, leftMs)
  if (!arrived) return { next: { ...drone, position, headingDeg }, usedMs }

  return {
    next: { ...drone, position, headingDeg, phase: 'scanning', timerMs: physics.dwellMs },
    usedMs,
  }
}

function scanWaypoint(drone: DroneState, leftMs: number): Advance {
  const usedMs = Math.min(leftMs, drone.timerMs)
  const metres = (drone.scanSpeedMs * usedMs) / 1000
  const radians = (drone.headingDeg * Math.PI) / 180
  const position = {
    x: drone.position.x + metres * Math.sin(radians),
    y: drone.position.y + metres * Math.cos(radians),
  }
  const timerMs = drone.timerMs - usedMs
  if (timerMs > 0) return { next: { ...drone, position, timerMs }, usedMs }

  return {
    next: { ...drone, position, timerMs: 0, phase: 'transit', ...pickNextWaypoint(drone) },
    usedMs,
  }
}

/** Back and forth along the route, so a drone never flies a long empty leg to start over. */
export function pickNextWaypoint(drone: Pick<DroneState, 'route' | 'waypoint' | 'direction'>) {
  const count = drone.route.waypoints.length
  if (count <= 1) return { waypoint: 0, direction: drone.direction }

  const next = drone.waypoint + drone.direction
  if (next >= 0 && next < count) return { waypoint: next, direction: drone.direction }

  const direction = (drone.direction * -1) as 1 | -1

  return { waypoint: drone.waypoint + direction, direction }
}

function flyHome(drone: DroneState, leftMs: number): Advance {
  const { position, arrived, usedMs, headingDeg } = moveToward(drone, drone.launch, leftMs)
  if (!arrived) return { next: { ...drone, position, headingDeg }, usedMs }

  return { next: { ...drone, position, headingDeg, phase: 'landing' }, usedMs }
}

function land(drone: DroneState, leftMs: number, physics: DronePhysics): Advance {
  const needMs = (drone.altitudeM / physics.descentRateMs) * 1000
  if (needMs > leftMs) {
    return {
      next: { ...drone, altitudeM: drone.altitudeM - (physics.descentRateMs * leftMs) / 1000 },
      usedMs: leftMs,
    }
  }

  return {
    next: { ...drone, altitudeM: 0, phase: 'swapping', timerMs: physics.swapMs },
    usedMs: needMs,
  }
}

function swapBattery(drone: DroneState, leftMs: number): Advance {
  const usedMs = Math.min(leftMs, drone.timerMs)
  const timerMs = drone.timerMs - usedMs
  if (timerMs > 0) return { next: { ...drone, timerMs }, usedMs }

  // A fresh pack, and the drone goes back to its own sectors from the nearest waypoint.
  const waypoint = findNearestWaypoint(drone.ownRoute, drone.position)
  const next: DroneState = {
    ...drone,
    timerMs: 0,
    battery: 100,
    phase: 'climbing',
    route: drone.ownRoute,
    coveringFor: null,
    waypoint,
  }

  return { next, usedMs }
}

function climb(drone: DroneState, leftMs: number, physics: DronePhysics): Advance {
  const needMs = ((physics.patrolAltitudeM - drone.altitudeM) / physics.climbRateMs) * 1000
  if (needMs > leftMs) {
    return {
      next: { ...drone, altitudeM: drone.altitudeM + (physics.climbRateMs * leftMs) / 1000 },
      usedMs: leftMs,
    }
  }

  return {
    next: { ...drone, altitudeM: physics.patrolAltitudeM, phase: 'transit' },
    usedMs: Math.max(0, needMs),
  }
}

function moveToward(drone: DroneState, target: FramePoint, leftMs: number) {
  const metres = measureDistance(drone.position, target)
  const headingDeg = metres > 0.01 ? measureHeading(drone.position, target) : drone.headingDeg
  const needMs = (metres / drone.cruiseSpeedMs) * 1000
  if (needMs <= leftMs) return { position: target, arrived: true, usedMs: needMs, headingDeg }

  const share = leftMs / needMs
  const position = {
    x: drone.position.x + (target.x - drone.position.x) * share,
    y: drone.position.y + (target.y - drone.position.y) * share,
  }

  return { position, arrived: false, usedMs: leftMs, headingDeg }
}

/** The waypoint of a route closest to a position. */
export function findNearestWaypoint(route: PatrolRoute, position: FramePoint): number {
  let best = { index: 0, metres: Infinity }
  route.waypoints.forEach((waypoint, index) => {
    const metres = measureDistance(position, waypoint)
    if (metres < best.metres) best = { index, metres }
  })

  return best.index
}
