/**
 * Part 0 is `reports.parquet`, the one file an hour had before hours could be completed, so
 * lakes written then read as they are; later parts are `reports-1.parquet`, `reports-2.parquet`.
 * Temporary files start with a dot, which Parquet tools skip when they read a folder.
 */
const PART_NAME = /^reports(?:-([1-9]\d*))?\.parquet$/

/** The file name of an hour's part number `index`. */
export function describePartName(index: number): string {
  return index === 0 ? 'reports.parquet' : `reports-${index}.parquet`
}

/** The part number of a file name, or null for a file that is not a part (a temporary one). */
export function readPartIndex(name: string): number | null {
  const match = PART_NAME.exec(name)

  return match ? Number(match[1] ?? 0) : null
}

/** The name after the last part of an hour's parts, given their numbers. */
export function describeNextPartName(indexes: number[]): string {
  return describePartName(indexes.reduce((last, index) => Math.max(last, index), -1) + 1)
}
