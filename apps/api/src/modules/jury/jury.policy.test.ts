import { describe, expect, it } from 'vitest'
import { canOnJury, mayKnowJury, type JuryAction, type JuryViewer } from './jury.policy'

const ACTIONS: JuryAction[] = ['jury.manage_members', 'jury.read_members', 'round.manage', 'round.read', 'round.run', 'round.read_progress', 'results.read', 'juror.score']
const viewer = (v: Partial<JuryViewer>): JuryViewer => ({ isPlatformAdmin: false, municipalityRole: null, member: null, ...v })
const allowed = (v: JuryViewer) => ACTIONS.filter((a) => canOnJury(v, a))

describe('jury policy (default deny)', () => {
  it('gives outsiders, enterprise members and account managers nothing, not even the jury’s existence', () => {
    for (const v of [viewer({}), viewer({ municipalityRole: 'owner' }), viewer({ municipalityRole: 'account_manager' })]) {
      expect(mayKnowJury(v)).toBe(false)
      expect(allowed(v)).toEqual([])
    }
  })
  it('lets staff set up and read, but not run rounds or score', () => {
    for (const v of [viewer({ municipalityRole: 'challenge_manager' }), viewer({ municipalityRole: 'admin' }), viewer({ isPlatformAdmin: true })]) {
      expect(allowed(v)).toEqual(['jury.manage_members', 'jury.read_members', 'round.manage', 'round.read', 'round.read_progress', 'results.read'])
    }
  })
  it('lets the chair run the rounds and score, but not manage members', () => {
    expect(allowed(viewer({ member: { isChair: true } }))).toEqual(['jury.read_members', 'round.manage', 'round.read', 'round.run', 'round.read_progress', 'results.read', 'juror.score'])
  })
  it('lets a juror read rounds and score only', () => {
    expect(allowed(viewer({ member: { isChair: false } }))).toEqual(['round.read', 'juror.score'])
  })
})
