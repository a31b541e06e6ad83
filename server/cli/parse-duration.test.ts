import { describe, expect, it } from 'vitest'

import { formatDuration, parseDuration } from './parse-duration'

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes and hours; a bare number is seconds', () => {
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('90s')).toBe(90_000)
    expect(parseDuration('10m')).toBe(600_000)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration('45')).toBe(45_000)
  })

  it('refuses what is not a positive duration, saying how to write one', () => {
    for (const text of ['', 'ten minutes', '-5m', '0s', '10 days']) {
      expect(() => parseDuration(text), text).toThrow(/use a number with ms, s, m or h/)
    }
  })
})

describe('formatDuration', () => {
  it('writes durations for people', () => {
    expect(formatDuration(250)).toBe('250 ms')
    expect(formatDuration(4_250)).toBe('4.3 s')
    expect(formatDuration(600_000)).toBe('10 min')
    expect(formatDuration(5_400_000)).toBe('1 h 30 min')
  })
})
