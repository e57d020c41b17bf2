import { once } from 'node:events'
import { hostname } from 'node:os'
import type { FastifyBaseLogger } from 'fastify'
import pino, { type Bindings, type ChildLoggerOptions, type Logger } from 'pino'
import { LOG_REDACT_PATHS } from './log-redaction'
import { LogLineBatch } from './log-batch'
import { loggableUrl, type RequestLine, type RequestLineWriter } from './request-log'

/** Log lines carry no secrets: invitation tokens travel in URLs, so they are masked. */
function serializeRequest(request: { method: string; url: string; id: string; ip?: string }) {
  return { method: request.method, url: loggableUrl(request.url), reqId: request.id }
}

export type LogDestination = ReturnType<typeof pino.destination>

export interface AppLogging {
  /** Fastify's `logger` option: pino with redaction, writing to the shared destination. */
  options: { level: string; redact: string[]; serializers: { req: typeof serializeRequest }; stream: LogLineBatch }
  /**
   * Writes the one line per request (plugins/request-log.ts) straight to the destination, in pino's format
   * (level, time, pid, hostname, the line's fields, msg) and at the logger's level. Its fields are fixed
   * (request id, method, masked URL, route pattern, status, time), none of them a redacted path, so going
   * through pino — a redaction copy and walk, then a generic serialiser — could never change the line and
   * cost ~10 µs of a ~70 µs request (bench 1c).
   */
  requestLine: RequestLineWriter
  /** Fastify's `childLoggerFactory`: `request.log` is made on first use (see LazyChildLogger). */
  childLoggerFactory: (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) => FastifyBaseLogger
  /** Waits for a write in progress, then writes what is buffered. Call before process.exit. */
  flush(): Promise<void>
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/**
 * `request.log`, made on first use. Fastify gives every request a pino child logger bound to its request
 * id; with redaction on, making one copies and walks its bindings — a few per cent of a cheap request
 * (bench 1c) — while most requests never log through it (their one line goes through `requestLine`).
 * The child is made, with the same bindings and options, the first time anything is logged through it.
 */
class LazyChildLogger {
  #logger: FastifyBaseLogger | undefined
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly childBindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}
  private get real(): FastifyBaseLogger {
    return (this.#logger ??= this.parent.child(this.childBindings, this.options))
  }
  get level() {
    return this.real.level
  }
  set level(level: string) {
    this.real.level = level
  }
  private write(level: Level, args: unknown[]) {
    ;(this.real[level] as (...a: unknown[]) => void)(...args)
  }
  fatal(...args: unknown[]) {
    this.write('fatal', args)
  }
  error(...args: unknown[]) {
    this.write('error', args)
  }
  warn(...args: unknown[]) {
    this.write('warn', args)
  }
  info(...args: unknown[]) {
    this.write('info', args)
  }
  debug(...args: unknown[]) {
    this.write('debug', args)
  }
  trace(...args: unknown[]) {
    this.write('trace', args)
  }
  silent() {}
  child(bindings: Bindings, options?: ChildLoggerOptions) {
    return this.real.child(bindings, options)
  }
  isLevelEnabled(level: string) {
    return (this.real as unknown as Logger).isLevelEnabled(level)
  }
  bindings() {
    return (this.real as unknown as Logger).bindings()
  }
}

/**
 * The production log: JSON lines on stdout, written asynchronously. A write per line (a system call each,
 * synchronous or through libuv's thread pool alike) was the largest fixed cost of a request (bench 1c/1f);
 * now lines are gathered (log-batch.ts) up to 16 KB, or for at most 100 ms, and handed to the destination
 * together. Nothing is lost on a normal shutdown: server.ts awaits `flush()` before it exits, and on `exit`
 * (process.exit, a fatal error) the batch and the destination are written synchronously.
 */
export function createLogging(level: string, destination: LogDestination = pino.destination({ dest: 1, sync: false, minLength: 0, maxWrite: 64 * 1024 })): AppLogging {
  const batch = new LogLineBatch(destination)
  return {
    options: { level, redact: LOG_REDACT_PATHS, serializers: { req: serializeRequest }, stream: batch },
    requestLine: requestLineWriter(level, batch),
    childLoggerFactory: (logger, bindings, options) => new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger,
    flush: () => {
      batch.handOver()
      return flushDestination(destination)
    },
  }
}

const PREFIX_INFO = `{"level":30,"time":`
const PREFIX_ERROR = `{"level":50,"time":`

/** The request line as pino would write it with its default base (pid, hostname) and time. */
export function requestLineWriter(level: string, destination: { write(line: string): unknown }): RequestLineWriter {
  const threshold = pino.levels.values[level] ?? (level === 'silent' ? Infinity : 30)
  const base = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`
  return (line: RequestLine, failed: boolean) => {
    if ((failed ? 50 : 30) < threshold) return
    destination.write(
      `${failed ? PREFIX_ERROR : PREFIX_INFO}${Date.now()}${base},"reqId":${JSON.stringify(line.reqId)},"method":${JSON.stringify(line.method)},` +
        `"url":${JSON.stringify(line.url)}${line.route === undefined ? '' : `,"route":${JSON.stringify(line.route)}`},"status":${line.status},"ms":${line.ms},` +
        `"msg":${failed ? '"request failed"' : '"request"'}}\n`,
    )
  }
}

export async function flushDestination(destination: LogDestination, timeoutMs = 5_000): Promise<void> {
  const state = destination as unknown as { _writing?: boolean; destroyed?: boolean }
  if (state.destroyed) return
  if (state._writing) {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([once(destination, 'drain'), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))])
    clearTimeout(timer)
  }
  if (!state.destroyed) destination.flushSync()
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes every buffered log line (server.ts calls it before exiting). */
    flushLogs(): Promise<void>
  }
}
