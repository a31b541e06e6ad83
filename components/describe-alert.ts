import type { Alert } from '@/lib/alert'
import { describeOffset, findAreaCentre } from '@/lib/place'
import type { Venue } from '@/lib/venue'

/** The sector an alert is in, by name, as officers say it on the radio. */
export function nameAlertPlace(alert: Alert, venue: Venue | null): string {
  const sector = venue?.sectors.find((candidate) => candidate.id === alert.sectorId)
  if (sector) return sector.name

  return alert.sectorId ? `Sector ${alert.sectorId}` : 'Outside the sectors'
}

/**
 * Where in its sector an alert's zone lies ("40 m north-west of the centre"), so that alerts of
 * neighbouring zones of one sector read apart; outside the sectors, from the venue's centre.
 */
export function describeAlertSpot(alert: Alert, venue: Venue | null): string | null {
  if (!venue) return null
  const sector = venue.sectors.find((candidate) => candidate.id === alert.sectorId)
  const offset = describeOffset(sector ? findAreaCentre(sector.area) : venue.center, alert)

  return sector ? `${offset} of the sector` : `${offset} of the venue`
}

/** Who acknowledged an alert, with their rank when the notified list knows it. */
export function nameAcknowledger(alert: Alert): string | null {
  const acknowledgement = alert.acknowledgement
  if (!acknowledgement) return null
  const notified = alert.notified.find((officer) => officer.officerId === acknowledgement.officerId)
  const rank = notified?.rank?.trim()
  if (!rank || acknowledgement.name.startsWith(rank)) return acknowledgement.name

  return `${rank} ${acknowledgement.name}`
}

/** A phone number as a tel: link target: digits and a leading plus only. */
export function toTelHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}

/** A position as a geo: URI (RFC 5870) that phones open in their maps app. */
export function toGeoHref(lat: number, lon: number, label: string): string {
  const point = `${lat.toFixed(6)},${lon.toFixed(6)}`

  return `geo:${point}?q=${point}(${encodeURIComponent(label)})`
}
