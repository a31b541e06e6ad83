/**
 * Where the end-to-end surges are staged: street blocks east of the Champ de Mars, outside
 * every sector, where no simulated drone flies (checked over an hour of the simulator). The
 * tests' reports are then the only ones the alert rule sees for those cells.
 */
export const SURGE_SPOT = { lat: 48.8575, lon: 2.3055 }

/** A second spot, so the reconnection test starts an episode of its own. */
export const RECONNECT_SPOT = { lat: 48.8585, lon: 2.306 }

/** Whether an alert's cell centre is within a cell's width of a spot. */
export function isNearSpot(
  alert: { lat: number; lon: number },
  spot: { lat: number; lon: number },
) {
  return Math.abs(alert.lat - spot.lat) < 0.0004 && Math.abs(alert.lon - spot.lon) < 0.0006
}
