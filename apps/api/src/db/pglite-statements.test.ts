import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatementCachingPGlite } from './pglite-statements'

/** Counted through `exec` (PGlite's simple protocol), which is never cached itself. */
async function preparedTexts(db: PGlite): Promise<string[]> {
  const [result] = await db.exec(`select statement from pg_prepared_statements order by statement`)
  return (result!.rows as { statement: string }[]).map((r) => r.statement)
}

describe('StatementCachingPGlite', () => {
  let db: StatementCachingPGlite
  let plain: PGlite

  beforeAll(async () => {
    db = new StatementCachingPGlite()
    plain = new PGlite()
    await Promise.all([db.waitReady, plain.waitReady])
    for (const client of [db, plain]) {
      await client.exec(`create table items (id int primary key, name text not null, at timestamptz, data jsonb, tags text[])`)
      await client.exec(`insert into items values (1, 'een', '2026-11-24T10:00:00Z', '{"a": 1}', '{x,y}'), (2, 'twee', null, null, null)`)
    }
  }, 60_000)
  afterAll(async () => {
    await Promise.all([db?.close(), plain?.close()])
  })

  it('answers as PGlite does: rows, fields and parsed values, in both row modes, with every kind of parameter', async () => {
    const text = `select id, name, at, data, tags, $1::int as n, $2::text as t, $3::timestamptz as d, $4::jsonb as j, $5::text[] as a, $6::int as nothing from items where id >= $1 order by id`
    const params = [1, 'tekst', new Date('2026-01-02T03:04:05Z'), { nested: [1, 'b'] }, ['p', 'q'], null]
    for (const options of [undefined, { rowMode: 'array' as const }, { parsers: { 1184: (v: string) => `raw:${v}` } }]) {
      const ours = await db.query(text, params, options)
      const theirs = await plain.query(text, params, options)
      expect(ours.rows).toEqual(theirs.rows)
      expect(ours.fields).toEqual(theirs.fields)
      expect(ours.rows).toHaveLength(2)
    }
  })

  it('parses a text once and runs it with each call’s own values', async () => {
    const text = `select name from items where id = $1`
    const before = (await preparedTexts(db)).filter((t) => t === text).length
    expect(before).toBe(0)
    expect((await db.query<{ name: string }>(text, [1])).rows).toEqual([{ name: 'een' }])
    expect((await db.query<{ name: string }>(text, [2])).rows).toEqual([{ name: 'twee' }])
    expect((await db.query<{ name: string }>(text, [3])).rows).toEqual([])
    expect((await preparedTexts(db)).filter((t) => t === text)).toHaveLength(1)
  })

  it('writes, reports affected rows, and prepares the queries inside transaction() too, but not savepoints', async () => {
    const insert = await db.query(`insert into items (id, name) values ($1, $2)`, [10, 'tien'])
    expect(insert.affectedRows).toBe(1)
    const update = `update items set name = $1 where id = $2`
    for (const name of ['TIEN', 'Tien']) {
      await db.transaction(async (tx) => {
        expect((await tx.query(update, [name, 10])).affectedRows).toBe(1)
        // What drizzle sends for a nested transaction: run on PGlite's own path, never prepared.
        await tx.query(`savepoint sp1`)
        await tx.query(update, ['weg', 10])
        await tx.query(`rollback to savepoint sp1`)
        expect((await tx.query<{ name: string }>(`select name from items where id = $1`, [10])).rows).toEqual([{ name }])
      })
      expect((await db.query(`select name from items where id = $1`, [10])).rows).toEqual([{ name }])
    }
    const texts = await preparedTexts(db)
    expect(texts.filter((t) => t === update)).toHaveLength(1)
    expect(texts.filter((t) => /savepoint/i.test(t))).toEqual([])
  })

  it('rolls a transaction back on a failed prepared query, keeps the error, and goes on afterwards', async () => {
    const insert = `insert into items (id, name) values ($1, $2)`
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [30, 'dertig'])
        await tx.query(insert, [30, 'nog eens'])
      }),
    ).rejects.toMatchObject({ code: '23505', query: insert, params: [30, 'nog eens'] })
    expect((await db.query(`select count(*)::int as n from items where id = $1`, [30])).rows).toEqual([{ n: 0 }])
    await db.transaction(async (tx) => {
      await tx.query(insert, [30, 'dertig'])
      await tx.rollback()
    })
    expect((await db.query(`select count(*)::int as n from items where id = $1`, [30])).rows).toEqual([{ n: 0 }])
    await expect(db.transaction(async (tx) => {
      await tx.rollback()
      await tx.query(insert, [31, 'te laat'])
    })).rejects.toThrow('Transaction is closed')
  })

  it('fails a transaction whose statement went stale, and parses it again for the next one', async () => {
    await db.exec(`create table stale_in_tx (id int)`)
    await db.exec(`insert into stale_in_tx values (1)`)
    const text = `select * from stale_in_tx where id = $1`
    await db.transaction(async (tx) => expect((await tx.query(text, [1])).rows).toEqual([{ id: 1 }]))
    await db.exec(`alter table stale_in_tx add column label text default 'nieuw'`)
    await expect(db.transaction((tx) => tx.query(text, [1]))).rejects.toMatchObject({ code: '0A000' })
    expect((await db.transaction((tx) => tx.query(text, [1]))).rows).toEqual([{ id: 1, label: 'nieuw' }])
    expect((await db.query(text, [1])).rows).toEqual([{ id: 1, label: 'nieuw' }])
    // The stale one was closed at the next top-level query: one statement for the text.
    expect((await preparedTexts(db)).filter((t) => t === text)).toHaveLength(1)
  })

  it('waits for an open transaction instead of running inside it', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const transaction = db.transaction(async (tx) => {
      await tx.query(`insert into items (id, name) values (20, 'twintig')`)
      await held
      await tx.rollback()
    })
    // Let the transaction take PGlite's lock first.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const outside = db.query<{ n: number }>(`select count(*)::int as n from items where id = $1`, [20])
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    await transaction
    // Run inside the transaction, it would have counted the uncommitted row.
    expect((await outside).rows).toEqual([{ n: 0 }])
  })

  it('rejects with PostgreSQL’s error, the query attached, and works on afterwards', async () => {
    await expect(db.query(`selec 1`)).rejects.toMatchObject({ code: '42601', query: 'selec 1' })
    await expect(db.query(`select $1::int as n`, ['geen getal'])).rejects.toMatchObject({ code: '22P02', params: ['geen getal'] })
    await expect(db.query(`insert into items (id, name) values ($1, $2)`, [1, 'dubbel'])).rejects.toMatchObject({ code: '23505' })
    expect((await db.query(`select $1::int as n`, [7])).rows).toEqual([{ n: 7 }])
  })

  it('parses again when a table’s columns changed under the statement, or the statements were deallocated', async () => {
    await db.exec(`create table shapes (id int)`)
    await db.exec(`insert into shapes values (1)`)
    const text = `select * from shapes where id = $1`
    expect((await db.query(text, [1])).rows).toEqual([{ id: 1 }])
    await db.exec(`alter table shapes add column label text default 'nieuw'`)
    expect((await db.query(text, [1])).rows).toEqual([{ id: 1, label: 'nieuw' }])
    await db.exec(`deallocate all`)
    expect((await db.query(text, [1])).rows).toEqual([{ id: 1, label: 'nieuw' }])
    expect((await preparedTexts(db)).filter((t) => t === text)).toHaveLength(1)
  })

  it('delivers notifications as PGlite does', async () => {
    const heard: string[] = []
    const unlisten = await db.listen('opgave_test', (payload) => heard.push(payload))
    await db.query(`select pg_notify($1, $2)`, ['opgave_test', 'hallo'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(heard).toEqual(['hallo'])
    await unlisten()
  })
})

describe('StatementCachingPGlite with a limit', () => {
  it('keeps at most the limit prepared, closing the least recently used', async () => {
    const db = new StatementCachingPGlite(undefined, { maxStatements: 3 })
    await db.waitReady
    try {
      for (const n of [1, 2, 3]) await db.query(`select ${n} as n`)
      // Using the first makes the second the least recently used.
      await db.query(`select 1 as n`)
      await db.query(`select 4 as n`)
      expect(db.preparedStatementCount).toBe(3)
      expect(await preparedTexts(db)).toEqual(['select 1 as n', 'select 3 as n', 'select 4 as n'])
      expect((await db.query(`select 2 as n`)).rows).toEqual([{ n: 2 }])
      expect(await preparedTexts(db)).toEqual(['select 1 as n', 'select 2 as n', 'select 4 as n'])
    } finally {
      await db.close()
    }
  }, 60_000)
})
