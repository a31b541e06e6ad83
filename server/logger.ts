import pino, { type Logger } from 'pino'

/**
 * The root logger: JSON lines for machines, pretty lines when a person watches a terminal.
 * Each module takes a child with its own `module` field.
 */
export function createLogger(level: string): Logger {
  const pretty = process.env.LOG_FORMAT ? process.env.LOG_FORMAT === 'pretty' : process.stdout.isTTY

  return pino({
    level,
    base: { service: 'crowdwatch' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: true,
              translateTime: 'HH:MM:ss.l',
              ignore: 'pid,hostname,service',
            },
          },
        }
      : {}),
  })
}

export type { Logger }
