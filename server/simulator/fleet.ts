import { DEFAULT_CELL_RESOLUTION } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { measureFootprint } from './camera'
import { countPeople } from './count-people'
import { createCrowdModel, type CrowdModel } from './crowd-model'
import { BASTILLE_DAY_SCENARIO, type CrowdScenario } from './crowd-scenario'
import { DRONE_PHYSICS, type DronePhysics } from './drone-physics'
import { findNearestWaypoint, pickNextWaypoint, stepDrone, type DroneState } from './drone-step'
import { planFleet } from './fleet-plan'
import { createLocalFrame, measureDistance, measureHeading, type LocalFrame } from './local-frame'
import { planPatrolRoute } from './patrol-route'
import { createSeededNoise, type SeededNoise } from './seeded-noise'

/** A report as a drone sends it: wire format v1, the time as ISO 8601 in UTC. */
export type SimulatedReport = {
  droneId: string
  ts: string
  lat: number
  lon: number
  areaM2: number
  people: number
  battery: number
  speedMs: number
  tempC: number
  altitudeM: number
  headingDeg: number
}

/** What changed in the fleet during a step, for the operator's log. */
export type FleetEvent =
  | { type: 'returning'; droneId: string; battery: number; launchSiteId: string }
  | { type: 'landed'; droneId: string }
  | { type: 'airborne'; droneId: string }
  | { type: 'covering'; droneId: string; forDroneId: string; sectorIds: string[] }
  | { type: 'cover-ended'; droneId: string; forDroneId: string }
  | { type: 'unwatched'; forDroneId: string; sectorIds: string[] }

/** What stays the same for the whole run. */
export type FleetSetup = {
  venue: Venue
  scenario: CrowdScenario
  physics: DronePhysics
  frame: LocalFrame
  crowd: CrowdModel
  noise: SeededNoise
}

export type FleetState = {
  startedAt: number
  lastStepAt: number
  tick: number
  drones: DroneState[]
}

export type Fleet = { setup: FleetSetup; state: FleetState }

export type FleetStep = { fleet: Fleet; reports: SimulatedReport[]; events: FleetEvent[] }

export type FleetOptions = {
  /** When the scenario starts, epoch ms: its second 0. */
  startMs: number
  drones?: number
  seed?: number
  scenario?: CrowdScenario
  physics?: DronePhysics
}

export const DEFAULT_DRONES = 6
export const DEFAULT_SEED = 1789

/**
 * Starting charge of each drone, by position. Staggered so that swaps spread out; the fourth
 * starts low and goes home within the first three minutes, to show a battery swap early.
 */
const START_BATTERIES = [92, 81, 67, 35, 88, 58, 74, 46]
/** The camera counts only near survey altitude; lower, the drone is taking off or landing. */
const SURVEY_ALTITUDE_TOLERANCE_M = 4
/** A longer gap between steps (a laptop asleep) is simulated as this much flight, no more. */
const MAX_STEP_MS = 10_000
/** A stand-in must have this much above reserve, so it is not sent home at once. */
const COVER_MARGIN_PERCENT = 15

/** Puts the drones in the air over their sectors at the start of the scenario. */
export function createFleet(venue: Venue, options: FleetOptions): Fleet {
  const count = options.drones ?? DEFAULT_DRONES
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`drones must be a whole number of at least 1, got ${count}`)
  }

  const scenario = options.scenario ?? BASTILLE_DAY_SCENARIO
  const physics = options.physics ?? DRONE_PHYSICS
  const noise = createSeededNoise(options.seed ?? DEFAULT_SEED)
  const frame = createLocalFrame(venue.center)
  const setup: FleetSetup = {
    venue,
    scenario,
    physics,
    frame,
    crowd: createCrowdModel(venue, scenario, noise),
    noise,
  }
  const plan = planFleet(venue, count, scenario.watchSectorIds, frame, DEFAULT_CELL_RESOLUTION)
  const drones = plan.map((assignment, index) => {
    const site = venue.launchSites.find((candidate) => candidate.id === assignment.launchSiteId)
    const launch = frame.toFrame(site?.position ?? venue.center)
    const route = planPatrolRoute(
      venue,
      assignment.sectorIds,
      frame,
      DEFAULT_CELL_RESOLUTION,
      launch,
    )
    const waypoint = Math.floor(assignment.startShare * Math.max(route.waypoints.length - 1, 0))
    const drone: DroneState = {
      droneId: assignment.droneId,
      index,
      phase: 'scanning',
      position: route.waypoints[waypoint] ?? launch,
      altitudeM: physics.patrolAltitudeM,
      headingDeg: 0,
      speedMs: 0,
      battery: START_BATTERIES[index % START_BATTERIES.length] as number,
      tempC: physics.ambientC + 12 + 4 * noise.uniform(index, 0, 0xa1),
      route,
      ownRoute: route,
      coveringFor: null,
      waypoint,
      direction: 1,
      timerMs: physics.dwellMs * noise.uniform(index, 0, 0xa2),
      launchSiteId: assignment.launchSiteId,
      launch,
      cruiseSpeedMs: 7 + 2.5 * noise.uniform(index, 0, 0xa3),
      scanSpeedMs: 0.4 + 1.2 * noise.uniform(index, 0, 0xa4),
      drainFactor: 0.95 + 0.1 * noise.uniform(index, 0, 0xa5),
    }
    const next = route.waypoints[pickNextWaypoint(drone).waypoint]
    const headingDeg = next ? measureHeading(drone.position, next) : 0

    return { ...drone, headingDeg }
  })

  return {
    setup,
    state: { startedAt: options.startMs, lastStepAt: options.startMs, tick: 0, drones },
  }
}

/** Advances the fleet to an instant and gives the reports the airborne drones send at it. */
export function stepFleet(fleet: Fleet, nowMs: number): FleetStep {
  const { setup, state } = fleet
  const elapsedMs = Math.min(Math.max(nowMs - state.lastStepAt, 0), MAX_STEP_MS)
  const tick = state.tick + 1
  const before = state.drones
  const stepped = before.map((drone) => stepDrone(drone, elapsedMs, setup.physics))
  const events = describeChanges(before, stepped)
  const covered = arrangeCover(before, stepped, setup)
  const drones = covered.drones
  const reports = drones.flatMap((drone) =>
    describeReport(drone, setup, state.startedAt, nowMs, tick),
  )
  const lastStepAt = Math.max(nowMs, state.lastStepAt)

  return {
    fleet: { setup, state: { ...state, lastStepAt, tick, drones } },
    reports,
    events: [...events, ...covered.events],
  }
}

function describeChanges(before: DroneState[], after: DroneState[]): FleetEvent[] {
  return after.flatMap((drone, index): FleetEvent[] => {
    const previous = before[index]
    if (!previous || previous.phase === drone.phase) return []
    if (drone.phase === 'returning') {
      return [
        {
          type: 'returning',
          droneId: drone.droneId,
          battery: round(drone.battery, 1),
          launchSiteId: drone.launchSiteId,
        },
      ]
    }
    if (drone.phase === 'swapping') return [{ type: 'landed', droneId: drone.droneId }]
    if (previous.phase === 'swapping') return [{ type: 'airborne', droneId: drone.droneId }]

    return []
  })
}

function isOnPatrol(drone: DroneState): boolean {
  return drone.phase === 'transit' || drone.phase === 'scanning'
}

/**
 * The bottleneck is never left unwatched on purpose: when the drone flying a watched route
 * goes home, the nearest drone on patrol with charge to spare flies that route instead, and
 * returns to its own sectors once the owner is back over its first waypoint. Other sectors go
 * unobserved during a swap, as they would with a real crew.
 */
function arrangeCover(before: DroneState[], after: DroneState[], setup: FleetSetup) {
  const watched = setup.scenario.watchSectorIds
  const drones = [...after]
  const events: FleetEvent[] = []

  drones.forEach((drone, index) => {
    const previous = before[index]
    if (!previous || !isOnPatrol(previous) || drone.phase !== 'returning') return
    if (!isWatchRoute(previous.route, watched)) return

    const owner = previous.coveringFor ?? previous.droneId
    const standIn = findStandIn(drones, index, watched, setup.physics)
    if (standIn === null) {
      events.push({ type: 'unwatched', forDroneId: owner, sectorIds: previous.route.sectorIds })

      return
    }
    const chosen = drones[standIn] as DroneState
    drones[standIn] = {
      ...chosen,
      route: previous.route,
      coveringFor: owner,
      waypoint: findNearestWaypoint(previous.route, chosen.position),
      phase: 'transit',
      timerMs: 0,
    }
    events.push({
      type: 'covering',
      droneId: chosen.droneId,
      forDroneId: owner,
      sectorIds: previous.route.sectorIds,
    })
  })

  drones.forEach((drone, index) => {
    const previous = before[index]
    const backOnStation = previous?.phase === 'transit' && drone.phase === 'scanning'
    if (!backOnStation || drone.coveringFor !== null) return

    drones.forEach((other, otherIndex) => {
      if (other.coveringFor !== drone.droneId || !isOnPatrol(other)) return
      drones[otherIndex] = {
        ...other,
        route: other.ownRoute,
        coveringFor: null,
        waypoint: findNearestWaypoint(other.ownRoute, other.position),
        phase: 'transit',
        timerMs: 0,
      }
      events.push({ type: 'cover-ended', droneId: other.droneId, forDroneId: drone.droneId })
    })
  })

  return { drones, events }
}

/** Whether a route holds a sector that must always be watched. */
function isWatchRoute(route: DroneState['route'], watched: string[]): boolean {
  return route.sectorIds.some((sectorId) => watched.includes(sectorId))
}

function findStandIn(
  drones: DroneState[],
  leaving: number,
  watched: string[],
  physics: DronePhysics,
): number | null {
  const leaver = drones[leaving] as DroneState
  let best = { index: -1, metres: Infinity }
  drones.forEach((candidate, index) => {
    if (index === leaving || !isOnPatrol(candidate) || candidate.coveringFor !== null) return
    if (isWatchRoute(candidate.route, watched)) return
    if (candidate.battery < physics.reservePercent + COVER_MARGIN_PERCENT) return
    const metres = measureDistance(candidate.position, leaver.position)
    if (metres < best.metres) best = { index, metres }
  })

  return best.index >= 0 ? best.index : null
}

function describeReport(
  drone: DroneState,
  setup: FleetSetup,
  startedAt: number,
  nowMs: number,
  tick: number,
): SimulatedReport[] {
  const surveyFloor = setup.physics.patrolAltitudeM - SURVEY_ALTITUDE_TOLERANCE_M
  if (drone.phase === 'swapping' || drone.altitudeM < surveyFloor) return []

  const { noise, frame, crowd } = setup
  const altitudeM = drone.altitudeM + 0.6 * noise.gaussian(drone.index, tick, 0xb1)
  const areaM2 = Math.round(measureFootprint(altitudeM))
  const point = frame.toGeo(drone.position)
  const density = crowd.densityAt(point, nowMs - startedAt)

  return [
    {
      droneId: drone.droneId,
      ts: new Date(nowMs).toISOString(),
      lat: round(point.lat, 6),
      lon: round(point.lon, 6),
      areaM2,
      people: countPeople(density, areaM2, noise.gaussian(drone.index, tick, 0xb2)),
      battery: round(drone.battery, 1),
      speedMs: round(drone.speedMs, 1),
      tempC: round(drone.tempC + 0.2 * noise.gaussian(drone.index, tick, 0xb3), 1),
      altitudeM: round(altitudeM, 1),
      headingDeg: Math.round(drone.headingDeg) % 360,
    },
  ]
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits

  return Math.round(value * scale) / scale
}
