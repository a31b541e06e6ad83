import { describe, expect, it } from 'vitest'

import { DRONE_PHYSICS } from './drone-physics'
import { stepDrone, type DroneState } from './drone-step'

const route = {
  sectorIds: ['lawn'],
  waypoints: [
    { x: 400, y: 0 },
    { x: 450, y: 0 },
    { x: 500, y: 0 },
  ],
}

function makeDrone(overrides: Partial<DroneState> = {}): DroneState {
  return {
    droneId: 'D-09',
    index: 0,
    phase: 'scanning',
    position: { x: 400, y: 0 },
    altitudeM: DRONE_PHYSICS.patrolAltitudeM,
    headingDeg: 90,
    speedMs: 0,
    battery: 80,
    tempC: 35,
    route,
    ownRoute: route,
    coveringFor: null,
    waypoint: 0,
    direction: 1,
    timerMs: 1_000,
    launchSiteId: 'base',
    launch: { x: 0, y: 0 },
    cruiseSpeedMs: 8,
    scanSpeedMs: 1,
    drainFactor: 1,
    ...overrides,
  }
}

/** Steps a drone second by second, keeping every state. */
function fly(drone: DroneState, seconds: number): DroneState[] {
  const states = [drone]
  for (let i = 0; i < seconds; i++)
    states.push(stepDrone(states[states.length - 1] as DroneState, 1_000))

  return states
}

describe('stepDrone', () => {
  it('sweeps its route back and forth, cruising between waypoints and drifting while scanning', () => {
    const states = fly(makeDrone(), 60)
    const cruising = states
      .filter((state) => state.phase === 'transit')
      .map((state) => state.speedMs)
    const scanning = states.filter((state) => state.phase === 'scanning')
    expect(Math.max(...cruising)).toBeGreaterThanOrEqual(6)
    expect(Math.max(...cruising)).toBeLessThanOrEqual(10)
    expect(scanning.every((state) => state.speedMs <= 2)).toBe(true)
    // Both ends of the route are reached, and the drone turns back at each.
    expect(states.some((state) => state.waypoint === 2)).toBe(true)
    expect(states.slice(30).some((state) => state.waypoint === 0)).toBe(true)
    expect(states.every((state) => state.position.x >= 395 && state.position.x <= 505)).toBe(true)
  })

  it('drains a full battery in 20 to 30 minutes of flight', () => {
    for (const phase of ['transit', 'scanning'] as const) {
      let drone = makeDrone({ battery: 100, phase, timerMs: Infinity })
      // A reserve of zero keeps it flying until the pack is flat.
      const physics = { ...DRONE_PHYSICS, reservePercent: 0 }
      let seconds = 0
      while (drone.battery > 0 && seconds < 3_600) {
        drone = stepDrone(drone, 1_000, physics)
        seconds += 1
      }
      expect(seconds / 60, phase).toBeGreaterThan(20)
      expect(seconds / 60, phase).toBeLessThan(30)
    }
  })

  it('goes home below the reserve, lands, swaps the pack and comes back charged', () => {
    const states = fly(makeDrone({ battery: DRONE_PHYSICS.reservePercent + 0.5 }), 400)
    const phases = states.map((state) => state.phase)
    const returning = phases.indexOf('returning')
    const swapping = phases.indexOf('swapping')
    const climbing = phases.indexOf('climbing')
    const backOnPatrol = phases.indexOf('scanning', climbing)
    expect(returning).toBeGreaterThan(0)
    expect(states[returning]?.battery).toBeLessThanOrEqual(DRONE_PHYSICS.reservePercent)
    expect(swapping).toBeGreaterThan(returning)
    expect(states[swapping]?.position).toEqual({ x: 0, y: 0 })
    expect(states[swapping]?.altitudeM).toBe(0)
    // The battery swap takes about a minute on the ground.
    expect(climbing - swapping).toBeGreaterThanOrEqual(59)
    expect(climbing - swapping).toBeLessThanOrEqual(61)
    expect(backOnPatrol).toBeGreaterThan(climbing)
    expect(states[backOnPatrol]?.battery).toBeGreaterThan(90)
    expect(states[backOnPatrol]?.altitudeM).toBe(DRONE_PHYSICS.patrolAltitudeM)
    // It never ran flat on the way home.
    expect(Math.min(...states.map((state) => state.battery))).toBeGreaterThan(10)
  })

  it('warms up in flight toward 40–50 °C and cools on the ground', () => {
    const cold = makeDrone({ tempC: DRONE_PHYSICS.ambientC, phase: 'transit' })
    const flown = fly(cold, 20 * 60)
    const temperatures = flown.map((state) => state.tempC)
    expect(Math.max(...temperatures)).toBeGreaterThan(35)
    expect(Math.max(...temperatures)).toBeLessThanOrEqual(50)
    expect(Math.min(...temperatures)).toBeGreaterThanOrEqual(DRONE_PHYSICS.ambientC)

    const parked = makeDrone({ tempC: 45, phase: 'swapping', altitudeM: 0, timerMs: 60_000 })
    expect(stepDrone(parked, 60_000).tempC).toBeLessThan(45)
    expect(stepDrone(parked, 60_000).tempC).toBeGreaterThan(DRONE_PHYSICS.ambientC)
  })

  it('gives the same state whether time comes in one step or many', () => {
    const once = stepDrone(makeDrone(), 10_000)
    let many = makeDrone()
    for (let i = 0; i < 10; i++) many = stepDrone(many, 1_000)
    expect(many.position.x).toBeCloseTo(once.position.x, 6)
    expect(many.battery).toBeCloseTo(once.battery, 6)
    expect(many.waypoint).toBe(once.waypoint)
  })
})
