import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

type Compose = {
  services: Record<string, { image?: string; environment?: Record<string, string> }>
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as Compose

function imageTag(service: string): string {
  const image = compose.services[service]?.image
  if (!image) throw new Error(`docker-compose.yml has no image for ${service}`)

  return image.split(':')[1] ?? 'latest'
}

/** A version the service scripts pin, from a Maven property or a shell variable. */
function scriptVersion(file: string, pattern: RegExp): string {
  const match = pattern.exec(readFileSync(file, 'utf8'))
  if (!match?.[1]) throw new Error(`no version matching ${pattern} in ${file}`)

  return match[1]
}

describe('docker-compose.yml and scripts/services', () => {
  it('run the same Kafka', () => {
    expect(imageTag('kafka')).toBe(
      scriptVersion('scripts/services/kafka/pom.xml', /<kafka\.version>([^<]+)</),
    )
  })

  it('run the same Cassandra', () => {
    expect(imageTag('cassandra')).toBe(
      scriptVersion('scripts/services/cassandra/pom.xml', /<cassandra\.version>([^<]+)</),
    )
  })

  it('run the same Hadoop for the NameNode and the DataNode', () => {
    const hadoop = scriptVersion('scripts/services/hdfs/pom.xml', /<hadoop\.version>([^<]+)</)

    expect(imageTag('namenode')).toBe(hadoop)
    expect(imageTag('datanode')).toBe(hadoop)
  })

  it('run the MongoDB version that the scripts FerretDB answers as', () => {
    expect(imageTag('mongo')).toBe(
      scriptVersion('scripts/services/mongo.sh', /^MONGODB_COMPAT_VERSION=(\S+)/m),
    )
  })

  it('point the command center at every real service', () => {
    const environment = compose.services.crowdwatch?.environment ?? {}

    expect(Object.keys(environment)).toEqual(
      expect.arrayContaining([
        'KAFKA_BROKERS',
        'CASSANDRA_CONTACT_POINTS',
        'MONGODB_URI',
        'WEBHDFS_URL',
      ]),
    )
  })
})
