/**
 * Whole-panel rounds (e.g. pitches): every juror scores every proposal, except where conflicted.
 */
export function wholePanelAssignment({
  proposalIds,
  jurorIds,
  conflicts,
}: {
  proposalIds: readonly string[]
  jurorIds: readonly string[]
  conflicts: readonly { jurorId: string; proposalId: string }[]
}): { ok: true; assignments: { proposalId: string; jurorId: string }[] } | { ok: false; message: string; proposalIds: string[] } {
  const blocked = new Set(conflicts.map((c) => `${c.jurorId}\u0000${c.proposalId}`))
  const assignments: { proposalId: string; jurorId: string }[] = []
  const uncovered: string[] = []
  for (const proposalId of proposalIds) {
    const jurors = jurorIds.filter((jurorId) => !blocked.has(`${jurorId}\u0000${proposalId}`))
    if (jurors.length === 0) uncovered.push(proposalId)
    for (const jurorId of jurors) assignments.push({ proposalId, jurorId })
  }
  if (uncovered.length > 0) return { ok: false, message: `${uncovered.length} proposal(s) have no juror without a conflict of interest.`, proposalIds: uncovered }
  return { ok: true, assignments }
}
