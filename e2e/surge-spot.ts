/**
 * Where the end-to-end surge is staged: a street block east of the Champ de Mars, outside
 * every sector, where no simulated drone flies. The test's reports are then the only ones the
 * alert rule sees for that cell, whatever the simulator does.
 */
export const SURGE_SPOT = { lat: 48.8575, lon: 2.3055 }
