import { PGlite, parse, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite'

/** Statements kept prepared at once; the least recently used one is closed beyond this. */
const DEFAULT_MAX_STATEMENTS = 256

/** A statement parsed once, under its own name, and the types PostgreSQL inferred for its parameters. */
interface Statement {
  name: string
  paramTypes: number[]
}

/** Errors after which the named statement is parsed again and the query tried once more. */
function isStaleStatement(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string }
  // 0A000: a table's columns changed under a cached plan; 26000: the statement is gone (DEALLOCATE ALL).
  return (code === '0A000' && /cached plan/.test(message ?? '')) || code === '26000'
}

/** Transaction control and session statements: nothing to gain from keeping them prepared. */
const CONTROL_STATEMENT = /^\s*(savepoint|release|rollback|begin|start|commit|end|abort|set|reset|lock|prepare|deallocate|discard)\b/i

/** PGlite's frontend-message serializer: messages are concatenated (`Buffer.concat`) to travel in one round trip. */
const message = protocol.serialize

/**
 * PGlite whose top-level queries run as named prepared statements, parsed and planned once per SQL text.
 *
 * PGlite's own `query` parses and plans every call, and makes six round trips into WebAssembly for it
 * (parse, describe, bind, describe, execute, sync). Here a known text needs one: bind, describe, execute
 * and sync in a single message. The catalogue query fell from 1.7 to 1.0 ms on the bench data (bench 7a).
 * PostgreSQL keeps the parse tree, so a plan made stale by DDL is re-planned by PostgreSQL itself; a
 * changed result type or a dropped statement is parsed again here once.
 *
 * Queries inside `transaction()` are prepared too: the transaction is PGlite's (its lock, BEGIN, COMMIT or
 * ROLLBACK), with `query` replaced. Everything else is PGlite's: `exec`, transaction control (savepoints),
 * and queries with a blob or explicit parameter types. A top-level query waits for both of PGlite's locks,
 * as `query` does, so it never runs inside another caller's transaction; a query in a transaction waits
 * for the query lock only, as PGlite's own does. Errors carry `query`, `params` and `queryOptions` as
 * PGlite's do.
 */
export class StatementCachingPGlite extends PGlite {
  /** By SQL text, least recently used first (a Map keeps insertion order). */
  readonly #statements = new Map<string, Statement>()
  #nextName = 1
  /** Statements taken out of use inside a transaction, to be closed outside one. */
  readonly #forgotten: string[] = []
  readonly #maxStatements: number

  constructor(dataDir?: string, { maxStatements = DEFAULT_MAX_STATEMENTS }: { maxStatements?: number } = {}) {
    super(dataDir)
    this.#maxStatements = maxStatements
  }

  /** How many statements are prepared now (tests). */
  get preparedStatementCount(): number {
    return this.#statements.size
  }

  override async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (options?.blob || options?.paramTypes) return super.query<T>(text, params, options)
    await this._checkReady()
    return this._runExclusiveTransaction(() => this._runExclusiveQuery(() => this.#runPrepared<T>(text, params, options, false)))
  }

  override async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) => callback(this.#preparing(tx)))
  }

  /** PGlite's transaction with `query` running prepared statements (under the query lock, as PGlite's own). */
  #preparing(tx: Transaction): Transaction {
    const query = <R>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<R>> => {
      if (options?.blob || options?.paramTypes || CONTROL_STATEMENT.test(text)) return tx.query<R>(text, params, options)
      if (tx.closed) return Promise.reject(new Error('Transaction is closed'))
      return this._runExclusiveQuery(() => this.#runPrepared<R>(text, params, options, true))
    }
    return {
      query,
      sql: (strings, ...params) => tx.sql(strings, ...params),
      exec: (text, options) => tx.exec(text, options),
      rollback: () => tx.rollback(),
      listen: (channel, callback) => tx.listen(channel, callback),
      get closed() {
        return tx.closed
      },
    }
  }

  async #runPrepared<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean, retried = false): Promise<Results<T>> {
    try {
      if (!inTransaction) await this.#closeForgotten()
      const statement = this.#statements.get(text) ?? (await this.#prepare(text, options))
      // Most recently used last.
      this.#statements.delete(text)
      this.#statements.set(text, statement)
      const messages = await this.execProtocolStream(
        Buffer.concat([message.bind({ statement: statement.name, values: this.#serializeParams(params, statement.paramTypes, options) }), message.describe({ type: 'P' }), message.execute({}), message.sync()]),
        { syncToFs: false, onNotice: options?.onNotice },
      )
      // PGlite, too, writes to its file system after a query outside a transaction only.
      if (!inTransaction) await this.syncToFs()
      return parse.parseResults(messages, this.parsers, options)[0] as Results<T>
    } catch (error) {
      if (isStaleStatement(error)) {
        // In a transaction the error has aborted it: no retry there, and the statement is closed later.
        if (inTransaction) this.#forget(text)
        else if (!retried) {
          await this.#close(text)
          return this.#runPrepared<T>(text, params, options, false, true)
        }
      }
      throw Object.assign(error as Error, { query: text, params, queryOptions: options })
    }
  }

  /** Parses `text` as a new named statement and learns its parameter types; closes the oldest beyond the limit. */
  async #prepare(text: string, options: QueryOptions | undefined): Promise<Statement> {
    if (this.#statements.size >= this.#maxStatements) await this.#close(this.#statements.keys().next().value!)
    const name = `opgave_${this.#nextName++}`
    const messages = await this.execProtocolStream(Buffer.concat([message.parse({ name, text }), message.describe({ type: 'S', name }), message.sync()]), {
      syncToFs: false,
      onNotice: options?.onNotice,
    })
    return { name, paramTypes: parse.parseDescribeStatementResults(messages) }
  }

  /** Takes a statement out of the cache; its name is still prepared in PostgreSQL. */
  #take(text: string): Statement | undefined {
    const statement = this.#statements.get(text)
    this.#statements.delete(text)
    return statement
  }

  /** Takes a statement out of use inside a transaction; it is closed before the next top-level query. */
  #forget(text: string) {
    const statement = this.#take(text)
    if (statement) this.#forgotten.push(statement.name)
  }

  async #closeForgotten(): Promise<void> {
    while (this.#forgotten.length > 0) await this.#deallocate(this.#forgotten.shift()!)
  }

  async #close(text: string): Promise<void> {
    const statement = this.#take(text)
    if (statement) await this.#deallocate(statement.name)
  }

  async #deallocate(name: string): Promise<void> {
    await this.execProtocolStream(Buffer.concat([message.close({ type: 'S', name }), message.sync()]), { syncToFs: false })
  }

  /** As PGlite's `query` does: by the type PostgreSQL inferred, through the query's or the instance's serializer. */
  #serializeParams(params: unknown[], paramTypes: number[], options: QueryOptions | undefined): (string | null)[] {
    return params.map((value, i) => {
      if (value === null || value === undefined) return null
      const type = paramTypes[i]!
      const serializer = options?.serializers?.[type] ?? this.serializers[type]
      return serializer ? serializer(value) : String(value)
    })
  }
}
