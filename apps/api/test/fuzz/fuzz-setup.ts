import { eq } from 'drizzle-orm'
import { users } from '../../src/modules/users/users.table'
import { bearer, http, registerUser } from '../http'
import type { TestContext } from '../test-app'

/** Identities and a few objects for the fuzzer to aim at: anonymous, two entrepreneurs, a municipality admin, a platform admin. */
export async function fuzzWorld(ctx: TestContext) {
  const a = await registerUser(ctx, 'fuzz-a@example.nl', 'Fuzz A')
  const b = await registerUser(ctx, 'fuzz-b@example.nl', 'Fuzz B')
  const admin = await registerUser(ctx, 'fuzz-admin@example.nl', 'Fuzz Admin')
  await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.user.id))
  const ea = await http(ctx).post('/api/v1/organisations').set(bearer(a.token)).send({ kind: 'enterprise', name: 'Fuzz Onderneming A' })
  const eb = await http(ctx).post('/api/v1/organisations').set(bearer(b.token)).send({ kind: 'enterprise', name: 'Fuzz Onderneming B' })
  const m = await http(ctx).post('/api/v1/organisations').set(bearer(admin.token)).send({ kind: 'municipality', name: 'Gemeente Fuzzdorp' })
  return {
    tokens: [null, a.token, b.token, admin.token],
    knownIds: [a.user.id, b.user.id, admin.user.id, ea.body.id, eb.body.id, m.body.id].filter(Boolean),
  }
}
