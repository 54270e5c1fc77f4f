import { pino, type Logger } from 'pino'

/** Structured JSON logs (pino) on stdout; one logger per process, children per concern. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'planraum' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  })
}

export type { Logger }
