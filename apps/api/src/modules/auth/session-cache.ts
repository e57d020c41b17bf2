/**
 * An in-process cache of positive session checks (plugins/auth.ts), so that an authenticated request does
 * not need a database round trip when the same session was checked moments ago (benchmark 1d).
 *
 * What it may never do is let a revoked session, a disabled or deleted user, or a withdrawn platform-admin
 * right through. Four things make sure of that:
 *  1. Every code path of this instance that revokes a session or changes a user's access calls
 *     `forgetSession` / `forgetUser` as soon as its write has committed (`SessionChanges`).
 *  2. Every other change — made by another instance behind the load balancer, or by hand in SQL — reaches
 *     every instance through PostgreSQL: triggers on `auth_sessions` and `users` (migration
 *     0016_session_notify) `pg_notify('opgave_auth', 's:<session id>' | 'u:<user id>')` on commit, and each
 *     instance LISTENs (`listenForSessionChanges`) and evicts.
 *  3. Fail safe: the cache is used only while that listener is connected. When it is not (not yet
 *     connected, an error, reconnecting) every request checks the database, and the cache is emptied when
 *     the listener goes down and again when it comes back (changes in between were not heard).
 *  4. A check that was running while anything was evicted is not stored (`epoch`): it may have read the
 *     row before the change. Entries live at most `maxAgeMs` (default 30 s) as a last safety net, never
 *     beyond their session's own expiry, and there are at most `maxEntries` (oldest dropped first).
 */
export interface CachedSession {
  isPlatformAdmin: boolean
  /** The session's own expiry: after it the cache answers "unknown" and the database decides. */
  expiresAt: Date
}

/** Keyed by session id; the user id is checked on every hit (a session belongs to one user). */
interface Entry extends CachedSession {
  userId: string
  storedAt: number
}

/** Announces, on this instance and at once, that a session or a user's access changed. */
export interface SessionChanges {
  forgetSession(sessionId: string): void
  forgetUser(userId: string): void
}

export const SESSION_CACHE_MAX_AGE_MS = 30_000
export const SESSION_CACHE_MAX_ENTRIES = 50_000

export class SessionCache implements SessionChanges {
  private readonly entries = new Map<string, Entry>()
  private connected = false
  /** Bumped by every eviction and every change of the listener's state. */
  private generation = 0

  constructor(
    private readonly options: { maxAgeMs?: number; maxEntries?: number; clock?: () => number } = {},
  ) {}

  private get maxAgeMs() {
    return this.options.maxAgeMs ?? SESSION_CACHE_MAX_AGE_MS
  }

  private monotonic() {
    return this.options.clock ? this.options.clock() : performance.now()
  }

  /** True while the listener is connected: only then is the cache read or written. */
  get active(): boolean {
    return this.connected
  }

  get size(): number {
    return this.entries.size
  }

  /** Take before the database check; pass to `store`. */
  get epoch(): number {
    return this.generation
  }

  /** The listener is (again) connected: start from an empty cache, since changes may have been missed. */
  listenerUp(): void {
    this.entries.clear()
    this.generation++
    this.connected = true
  }

  /** The listener is down: bypass and empty the cache until it is back. */
  listenerDown(): void {
    this.connected = false
    this.entries.clear()
    this.generation++
  }

  lookup(sessionId: string, userId: string, now: Date): CachedSession | undefined {
    if (!this.connected) return undefined
    const entry = this.entries.get(sessionId)
    if (!entry || entry.userId !== userId) return undefined
    if (this.monotonic() - entry.storedAt > this.maxAgeMs || entry.expiresAt <= now) {
      this.entries.delete(sessionId)
      return undefined
    }
    return entry
  }

  /** Stores a positive check, unless the listener is down or anything was evicted since `epoch` was read. */
  store(sessionId: string, userId: string, value: CachedSession, epoch: number): void {
    if (!this.connected || epoch !== this.generation) return
    // Re-inserted so that the Map's order stays the order of storing (the oldest is dropped first).
    this.entries.delete(sessionId)
    this.entries.set(sessionId, { isPlatformAdmin: value.isPlatformAdmin, expiresAt: value.expiresAt, userId, storedAt: this.monotonic() })
    const max = this.options.maxEntries ?? SESSION_CACHE_MAX_ENTRIES
    if (this.entries.size > max) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
  }

  forgetSession(sessionId: string): void {
    this.generation++
    this.entries.delete(sessionId)
  }

  forgetUser(userId: string): void {
    this.generation++
    // Rare (disabling, deleting, admin rights): a scan is fine.
    for (const [sessionId, entry] of this.entries) if (entry.userId === userId) this.entries.delete(sessionId)
  }

  clear(): void {
    this.generation++
    this.entries.clear()
  }

  /** A NOTIFY payload from the triggers: `s:<session id>` or `u:<user id>`; anything else empties the cache. */
  applyNotification(payload: string | undefined): void {
    if (payload?.startsWith('s:')) this.forgetSession(payload.slice(2))
    else if (payload?.startsWith('u:')) this.forgetUser(payload.slice(2))
    else this.clear()
  }
}
