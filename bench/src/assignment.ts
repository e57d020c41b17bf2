/**
 * 4. Assignment at scale: the domain's assignJurors (min-cost flow) on a seeded instance, and on a
 * smaller instance its objective next to HiGHS solving the same problem as an LP. The LP is the one
 * of packages/domain/src/assignment/jury-assignment-optimality.test.ts (not exported there), built
 * here with indexes instead of filters so it stays linear in the number of pairs:
 *   max Σ match·x  s.t. Σ_j x_pj = k, Σ_p x_pj = Σ_t y_jt, 0 ≤ x, y ≤ 1   → M*
 *   min Σ (t−1)·y_jt  s.t. the same and Σ match·x ≥ M*                     → spread penalty
 * The matrix is totally unimodular, so both LP optima are integral and equal the integer optimum.
 */
import loadHighs from 'highs'
import { assignJurors, matchDetails, type AssignJurorsInput } from '@opgave/domain'
import { generateAssignmentInstance } from '../../packages/domain/src/assignment/assignment-instance-generator'
import { fmt, type Row } from './results'

export function instance(proposals: number, jurors: number, seed: number): AssignJurorsInput {
  return generateAssignmentInstance({ seed, proposalCount: proposals, jurorCount: jurors, k: 3, maxLoad: [31, 31], conflictRate: 0.02 })
}

function buildLp(input: AssignJurorsInput) {
  const blocked = new Set(input.conflicts.map((c) => `${c.proposalId}\u0000${c.jurorId}`))
  const perProposal: string[][] = input.proposals.map(() => [])
  const perJuror: string[][] = input.jurors.map(() => [])
  const matchTerms: string[] = []
  const bounds: string[] = []
  input.proposals.forEach((proposal, p) =>
    input.jurors.forEach((juror, j) => {
      if (blocked.has(`${proposal.id}\u0000${juror.id}`)) return
      const name = `x_${p}_${j}`
      const match = matchDetails({ sdgGoals: proposal.sdgGoals, sdgExpertise: juror.sdgExpertise }).matchScore
      perProposal[p]!.push(name)
      perJuror[j]!.push(name)
      matchTerms.push(`${match} ${name}`)
      bounds.push(`0 <= ${name} <= 1`)
    }),
  )
  const spreadTerms: string[] = []
  input.jurors.forEach((juror, j) => {
    for (let t = 1; t <= juror.maxLoad; t++) {
      const name = `y_${j}_${t}`
      perJuror[j]!.push(`- ${name}`)
      spreadTerms.push(`${t - 1} ${name}`)
      bounds.push(`0 <= ${name} <= 1`)
    }
  })
  const rows = [
    ...perProposal.map((terms, p) => `p${p}: ${terms.join(' + ')} = ${input.k}`),
    ...perJuror.map((terms, j) => `j${j}: ${terms.join(' + ').replace(/\+ - /g, '- ')} = 0`),
  ]
  const lp = (sense: string, objective: string[], extra: string[]) =>
    [sense, ` obj: ${objective.join(' + ')}`, 'Subject To', ...rows, ...extra, 'Bounds', ...bounds, 'End'].join('\n')
  return { lp, matchTerms, spreadTerms, variables: bounds.length }
}

export async function solveLp(input: AssignJurorsInput) {
  const highs = await loadHighs()
  const model = buildLp(input)
  const first = highs.solve(model.lp('Maximize', model.matchTerms, []), { output_flag: false })
  if (first.Status !== 'Optimal') return { status: first.Status as string, variables: model.variables }
  const totalMatch = Math.round(first.ObjectiveValue)
  const second = highs.solve(model.lp('Minimize', model.spreadTerms, [`m: ${model.matchTerms.join(' + ')} >= ${totalMatch}`]), { output_flag: false })
  return { status: second.Status as string, totalMatch, spreadPenalty: Math.round(second.ObjectiveValue), variables: model.variables }
}

function timed<T>(fn: () => T) {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const value = fn()
  const used = process.cpuUsage(cpu)
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

export async function benchAssignment({ scale, lpScale, seed, withLp }: { scale: [number, number]; lpScale: [number, number]; seed: number; withLp: boolean }): Promise<Row[]> {
  const big = instance(scale[0], scale[1], seed)
  const run = timed(() => assignJurors(big))
  const result = run.value
  const rows: Row[] = [
    {
      id: '4a',
      name: `assignJurors ${scale[0]} × ${scale[1]}, k=3, L=31, 2%`,
      figure: `${fmt(run.ms / 1000, 2)} s`,
      baseline: '–',
      ratio: '–',
      goal: '≤ 10 s',
      met: result.ok && run.ms <= 10_000,
      note: result.ok
        ? `${result.assignments.length} assignments, match ${result.objective.totalMatch}, spread ${result.objective.spreadPenalty}; CPU ${fmt(run.cpuMs / 1000, 2)} s; ${big.conflicts.length} conflicts`
        : `infeasible: ${result.message}`,
      data: { ms: run.ms, cpuMs: run.cpuMs, objective: result.ok ? result.objective : null },
    },
  ]
  if (!withLp) {
    rows.push({ id: '4b', name: 'assignJurors vs HiGHS LP objective', figure: 'not run', baseline: '–', ratio: '–', goal: 'equal', met: null, note: 'skipped (--no-lp)' })
    return rows
  }
  const small = instance(lpScale[0], lpScale[1], seed)
  const ours = timed(() => assignJurors(small))
  const lpStarted = performance.now()
  const lp = await solveLp(small)
  const lpMs = performance.now() - lpStarted
  const mine = ours.value.ok ? ours.value.objective : null
  const agree = mine !== null && lp.status === 'Optimal' && mine.totalMatch === lp.totalMatch && mine.spreadPenalty === lp.spreadPenalty
  rows.push({
    id: '4b',
    name: `assignJurors vs HiGHS LP, ${lpScale[0]} × ${lpScale[1]}`,
    figure: mine ? `${mine.totalMatch}/${mine.spreadPenalty} in ${fmt(ours.ms / 1000, 2)} s` : 'infeasible',
    baseline: lp.status === 'Optimal' ? `${lp.totalMatch}/${lp.spreadPenalty} in ${fmt(lpMs / 1000, 1)} s` : `LP ${lp.status}`,
    ratio: `${fmt(ours.ms / lpMs, 3)}× time`,
    goal: 'same objective',
    met: agree,
    note: `objective as match/spread penalty; LP with ${lp.variables} variables (two HiGHS solves)`,
    data: { ours: mine, oursMs: ours.ms, lp, lpMs },
  })
  return rows
}
