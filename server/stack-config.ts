import { z } from 'zod'

/** The real services to use; a service left out runs on its embedded adapter. */
export type StackConfig = {
  kafka: {
    brokers: string[]
    partitions: number
    replicationFactor: number
    /** Put before every topic and shared group name, so several deployments share a cluster. */
    namespace: string
  } | null
  cassandra: {
    contactPoints: string[]
    localDataCenter: string
    keyspacePrefix: string
    replicationFactor: number
  } | null
  mongo: { uri: string } | null
  hdfs: { url: string; user: string; root: string } | null
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/
const HOST_OPTIONAL_PORT = /^[A-Za-z0-9.-]+(:\d{1,5})?$/
const NAME = /^[a-z][a-z0-9_]{0,30}$/

function listOf(name: string, pattern: RegExp, example: string) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return null
      const items = value.split(',').map((item) => item.trim())
      if (items.every((item) => pattern.test(item))) return items
      context.addIssue({
        code: 'custom',
        message: `${name}=${value} must be a comma-separated list like ${example}`,
      })

      return z.NEVER
    })
}

function matching(name: string, pattern: RegExp, example: string) {
  return z
    .string()
    .optional()
    .refine((value) => value === undefined || value.trim() === '' || pattern.test(value.trim()), {
      error: (issue) => `${name}=${String(issue.input)} must look like ${example}`,
    })
}

function count(name: string, fallback: number, max: number) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback
      const parsed = Number(value)
      if (Number.isInteger(parsed) && parsed >= 1 && parsed <= max) return parsed
      context.addIssue({
        code: 'custom',
        message: `${name}=${value} must be a whole number from 1 to ${max} (default ${fallback})`,
      })

      return z.NEVER
    })
}

/** The environment variables of the real stack; each service is chosen by its URL. */
export const StackEnvironment = {
  KAFKA_BROKERS: listOf('KAFKA_BROKERS', HOST_PORT, '127.0.0.1:9092,127.0.0.2:9092'),
  KAFKA_PARTITIONS: count('KAFKA_PARTITIONS', 6, 256),
  KAFKA_REPLICATION: count('KAFKA_REPLICATION', 1, 7),
  KAFKA_NAMESPACE: matching('KAFKA_NAMESPACE', /^[A-Za-z0-9_-]{1,40}$/, 'night-of-14-july'),
  CASSANDRA_CONTACT_POINTS: listOf(
    'CASSANDRA_CONTACT_POINTS',
    HOST_OPTIONAL_PORT,
    '127.0.0.1:9042,127.0.0.2:9042',
  ),
  CASSANDRA_LOCAL_DC: z.string().optional(),
  CASSANDRA_KEYSPACE_PREFIX: matching('CASSANDRA_KEYSPACE_PREFIX', NAME, 'crowdwatch'),
  CASSANDRA_REPLICATION: count('CASSANDRA_REPLICATION', 1, 7),
  MONGODB_URI: matching(
    'MONGODB_URI',
    /^mongodb(\+srv)?:\/\/\S+$/,
    'mongodb://127.0.0.1:27017/crowdwatch',
  ),
  WEBHDFS_URL: matching(
    'WEBHDFS_URL',
    /^https?:\/\/[^/\s]+(\/webhdfs\/v1)?\/?$/,
    'http://127.0.0.1:9870/webhdfs/v1',
  ),
  HDFS_USER: matching('HDFS_USER', /^[A-Za-z_][A-Za-z0-9_.-]*$/, 'crowdwatch'),
  HDFS_LAKE_PATH: matching('HDFS_LAKE_PATH', /^\/[^\s]*$/, '/crowdwatch/lake'),
}

type StackEnvironmentValues = z.infer<z.ZodObject<typeof StackEnvironment>>

/** Picks the real services the environment names. */
export function readStackConfig(env: StackEnvironmentValues): StackConfig {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : null)
  const mongoUri = text(env.MONGODB_URI)
  const hdfsUrl = text(env.WEBHDFS_URL)

  return {
    kafka: env.KAFKA_BROKERS
      ? {
          brokers: env.KAFKA_BROKERS,
          partitions: env.KAFKA_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION,
          namespace: text(env.KAFKA_NAMESPACE) ?? '',
        }
      : null,
    cassandra: env.CASSANDRA_CONTACT_POINTS
      ? {
          contactPoints: env.CASSANDRA_CONTACT_POINTS,
          localDataCenter: text(env.CASSANDRA_LOCAL_DC) ?? 'datacenter1',
          keyspacePrefix: text(env.CASSANDRA_KEYSPACE_PREFIX) ?? 'crowdwatch',
          replicationFactor: env.CASSANDRA_REPLICATION,
        }
      : null,
    mongo: mongoUri ? { uri: mongoUri } : null,
    hdfs: hdfsUrl
      ? {
          url: hdfsUrl.replace(/\/$/, '').replace(/\/webhdfs\/v1$/, ''),
          user: text(env.HDFS_USER) ?? 'crowdwatch',
          root: text(env.HDFS_LAKE_PATH) ?? '/crowdwatch/lake',
        }
      : null,
  }
}

/** Whether any port still runs on its embedded adapter, in files under the data folder. */
export function usesDataDir(stack: StackConfig): boolean {
  return !stack.kafka || !stack.cassandra || !stack.hdfs
}
