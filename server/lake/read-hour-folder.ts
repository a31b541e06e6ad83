import { describeHourPath } from '@/server/ports/archive'

const DAY_FOLDER = /^date=(\d{4}-\d{2}-\d{2})$/
const HOUR_FOLDER = /^hour=(\d{2})$/

/**
 * The hour, epoch ms, that a `date=YYYY-MM-DD` folder and an `hour=HH` folder inside it stand
 * for, or null when they are not the lake's layout (`hour=24`, `date=2025-02-30`, `notes`).
 */
export function readHourFolder(dayFolder: string, hourFolder: string): number | null {
  const day = DAY_FOLDER.exec(dayFolder)?.[1]
  const hourOfDay = HOUR_FOLDER.exec(hourFolder)?.[1]
  if (!day || !hourOfDay) return null

  const hour = Date.parse(`${day}T${hourOfDay}:00:00Z`)
  if (Number.isNaN(hour) || describeHourPath(hour) !== `${dayFolder}/${hourFolder}`) return null

  return hour
}

/** Whether a folder name can hold hours: the first level of the lake. */
export function isDayFolder(name: string): boolean {
  return DAY_FOLDER.test(name)
}
