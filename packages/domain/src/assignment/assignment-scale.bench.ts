/**
 * Scale check, not a test (vitest only picks up *.test.ts):
 *   pnpm exec tsx packages/domain/src/assignment/assignment-scale.bench.ts
 * 5,000 proposals × 500 jurors, k = 3, maxLoad 31, 2% conflicts ≈ 2.45M juror–proposal arcs.
 */
import { generateAssignmentInstance } from './assignment-instance-generator'
import { assignJurors } from './jury-assignment'
import { explainAssignment } from './assignment-explanation'

const generated = performance.now()
const instance = generateAssignmentInstance({
  seed: 20240611,
  proposalCount: 5000,
  jurorCount: 500,
  k: 3,
  maxLoad: [31, 31],
  conflictRate: 0.02,
})
const started = performance.now()
const cpuBefore = process.cpuUsage()
const result = assignJurors(instance)
// CPU time next to wall time: on a shared machine the wall clock also counts other processes.
const cpu = process.cpuUsage(cpuBefore)
const finished = performance.now()

if (!result.ok) {
  console.error(`infeasible: ${result.reason}: ${result.message}`)
  process.exitCode = 1
} else {
  const loads = result.loadPerJuror.map((l) => l.load)
  const explainStarted = performance.now()
  const explanation = explainAssignment({ ...instance, assignments: result.assignments, k: instance.k })
  const explainFinished = performance.now()
  console.log(
    [
      `instance generated in ${((started - generated) / 1000).toFixed(2)} s (${instance.conflicts.length} conflicts)`,
      `assignJurors: ${((finished - started) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`,
      `assignments: ${result.assignments.length}, total match ${result.objective.totalMatch}, spread penalty ${result.objective.spreadPenalty}`,
      `load min/max: ${Math.min(...loads)}/${Math.max(...loads)}`,
      `explainAssignment: ${((explainFinished - explainStarted) / 1000).toFixed(2)} s (valid: ${explanation.valid})`,
    ].join('\n'),
  )
}
