import type { AssignJurorsInput, AssignmentJuror, AssignmentProposal, JurorProposalPair } from './jury-assignment'

/** mulberry32: a tiny seeded PRNG so random tests and the benchmark are reproducible. */
export function createSeededRandom({ seed }: { seed: number }): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface InstanceShape {
  seed: number
  proposalCount: number
  jurorCount: number
  k: number
  /** Inclusive range for each juror's maxLoad. */
  maxLoad: readonly [number, number]
  /** Probability that a juror–proposal pair is conflicted. */
  conflictRate: number
  goalsPerProposal?: readonly [number, number]
  expertisePerJuror?: readonly [number, number]
}

export function generateAssignmentInstance(shape: InstanceShape): AssignJurorsInput {
  const random = createSeededRandom({ seed: shape.seed })
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const sdgSample = (count: number) => {
    const goals = Array.from({ length: 17 }, (_, i) => i + 1)
    for (let i = goals.length - 1; i > 0; i--) {
      const r = int(0, i)
      const tmp = goals[i]!
      goals[i] = goals[r]!
      goals[r] = tmp
    }
    return goals.slice(0, count).sort((a, b) => a - b)
  }
  const [gMin, gMax] = shape.goalsPerProposal ?? [1, 3]
  const [eMin, eMax] = shape.expertisePerJuror ?? [2, 5]
  const proposals: AssignmentProposal[] = Array.from({ length: shape.proposalCount }, (_, i) => ({
    id: `p${i}`,
    sdgGoals: sdgSample(int(gMin, gMax)),
  }))
  const jurors: AssignmentJuror[] = Array.from({ length: shape.jurorCount }, (_, i) => ({
    id: `j${i}`,
    sdgExpertise: sdgSample(int(eMin, eMax)),
    maxLoad: int(shape.maxLoad[0], shape.maxLoad[1]),
  }))
  const conflicts: JurorProposalPair[] = []
  for (const p of proposals) {
    for (const j of jurors) if (random() < shape.conflictRate) conflicts.push({ jurorId: j.id, proposalId: p.id })
  }
  return { proposals, jurors, k: shape.k, conflicts }
}
