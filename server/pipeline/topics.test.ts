import { describe, expect, it } from 'vitest'

import { DEFAULT_TOPICS, feedGroup, GROUPS, nameTopicsAndGroups } from './topics'

describe('nameTopicsAndGroups', () => {
  it('keeps the plain names without a namespace', () => {
    const naming = nameTopicsAndGroups('')

    expect(naming.topics).toEqual(DEFAULT_TOPICS)
    expect(naming.groups).toEqual(GROUPS)
    expect(feedGroup(naming.prefix, 'host-1')).toBe('feed-host-1')
  })

  it('puts the namespace before every topic and group, feed groups included', () => {
    const naming = nameTopicsAndGroups('night')

    expect(naming.topics.reports).toBe('night.drone.reports')
    expect(naming.topics.live).toBe('night.crowd.live')
    expect(naming.groups.alerts).toBe('night.alerts')
    expect(feedGroup(naming.prefix, 'host-1')).toBe('night.feed-host-1')
  })
})
