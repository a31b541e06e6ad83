import { describe, expect, it } from 'vitest'

import { DEFAULT_BAND_TABLE } from '@/lib/bands'

import { ConfigError, loadConfig } from './config'

describe('loadConfig', () => {
  it('runs on embedded defaults with the simulator when nothing is set', () => {
    const config = loadConfig({}, { dev: false })

    expect(config.port).toBe(3000)
    expect(config.simulator).toEqual({ enabled: true, drones: 6, intervalMs: 1000 })
    expect(config.cellResolution).toBe(11)
    expect(config.bandTable).toEqual(DEFAULT_BAND_TABLE)
    expect(config.densityRule.sustainMs).toBe(30_000)
    expect(config.historyRetentionMs).toBe(24 * 3_600_000)
    expect(config.mapStyleUrl).toBeNull()
  })

  it('takes settings from the environment', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        SIMULATOR: 'off',
        ALERT_SUSTAIN_S: '12.5',
        MAP_STYLE_URL: 'https://tiles.example/style.json',
      },
      { dev: true },
    )

    expect(config.port).toBe(8080)
    expect(config.simulator.enabled).toBe(false)
    expect(config.densityRule.sustainMs).toBe(12_500)
    expect(config.mapStyleUrl).toBe('https://tiles.example/style.json')
  })

  it('names every wrong value, its rule and its default in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', CELL_RESOLUTION: '11.5', SIMULATOR: 'maybe' }, { dev: false })

    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const problems = (error as ConfigError).problems
      expect(problems).toHaveLength(3)
      expect(problems[0]).toMatch(
        /PORT=eighty must be a whole number from 1 to 65535 \(default 3000\)/,
      )
      expect(problems[1]).toMatch(/SIMULATOR=maybe must be on or off/)
      expect(problems[2]).toMatch(/CELL_RESOLUTION=11.5 must be a whole number/)
    }
  })

  it('refuses a band table whose edges do not rise, saying why', () => {
    const table = JSON.stringify({
      standing: { busy: 2, warning: 1, high: 4.7, critical: 6 },
      moving: DEFAULT_BAND_TABLE.moving,
    })

    expect(() => loadConfig({ BAND_TABLE: table }, { dev: false })).toThrow(
      /BAND_TABLE: standing: band edges must rise/,
    )
    expect(() => loadConfig({ BAND_TABLE: '{oops' }, { dev: false })).toThrow(
      /BAND_TABLE is not JSON; the default is \{"standing"/,
    )
    expect(() => loadConfig({ BAND_TABLE: '{"x":1}' }, { dev: false })).toThrow(
      /BAND_TABLE: standing: missing; give its busy, warning, high and critical edges/,
    )
  })

  it('refuses a map style that is neither a URL nor a public path', () => {
    expect(() => loadConfig({ MAP_STYLE_URL: 'style.json' }, { dev: false })).toThrow(
      /MAP_STYLE_URL/,
    )
  })
})

describe('loadConfig: the real stack', () => {
  it('keeps every port embedded when no service URL is given', () => {
    const { stack } = loadConfig({}, { dev: false })

    expect(stack).toEqual({ kafka: null, cassandra: null, mongo: null, hdfs: null })
  })

  it('picks each real service by its URL, with defaults for the rest of its settings', () => {
    const { stack } = loadConfig(
      {
        KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
        CASSANDRA_CONTACT_POINTS: '127.0.0.1',
        MONGODB_URI: 'mongodb://127.0.0.1:27017/crowdwatch',
        WEBHDFS_URL: 'http://127.0.0.1:9870/webhdfs/v1/',
      },
      { dev: false },
    )

    expect(stack).toEqual({
      kafka: {
        brokers: ['127.0.0.1:9092', '127.0.0.2:9092'],
        partitions: 6,
        replicationFactor: 1,
        namespace: '',
      },
      cassandra: {
        contactPoints: ['127.0.0.1'],
        localDataCenter: 'datacenter1',
        keyspacePrefix: 'crowdwatch',
        replicationFactor: 1,
      },
      mongo: { uri: 'mongodb://127.0.0.1:27017/crowdwatch' },
      hdfs: { url: 'http://127.0.0.1:9870', user: 'crowdwatch', root: '/crowdwatch/lake' },
    })
  })

  it('names the variable and shows the expected form of a wrong service URL', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'localhost' }, { dev: false })).toThrow(
      /KAFKA_BROKERS=localhost must be a comma-separated list like 127.0.0.1:9092/,
    )
    expect(() => loadConfig({ MONGODB_URI: 'http://x' }, { dev: false })).toThrow(
      /MONGODB_URI=http:\/\/x must look like mongodb:\/\/127.0.0.1:27017\/crowdwatch/,
    )
    expect(() => loadConfig({ WEBHDFS_URL: '127.0.0.1:9870' }, { dev: false })).toThrow(
      /WEBHDFS_URL=127.0.0.1:9870 must look like http:\/\/127.0.0.1:9870\/webhdfs\/v1/,
    )
    expect(() => loadConfig({ CASSANDRA_KEYSPACE_PREFIX: 'Crowd-Watch' }, { dev: false })).toThrow(
      /CASSANDRA_KEYSPACE_PREFIX/,
    )
  })
})
