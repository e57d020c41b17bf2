export { solveMinCostFlow, integerCostScale, type MinCostFlowInput, type MinCostFlowResult, type MinCostFlowStats } from './min-cost-flow'
export {
  assignJurors,
  matchDetails,
  type AssignJurorsInput,
  type AssignJurorsResult,
  type AssignmentFailure,
  type AssignmentJuror,
  type AssignmentObjective,
  type AssignmentProposal,
  type FixedPairIssue,
  type FixedPairProblem,
  type JurorAssignment,
  type JurorLoad,
  type JurorProposalPair,
} from './jury-assignment'
export {
  explainAssignment,
  type AlternativeStatus,
  type AssignmentExplanation,
  type ExplainAssignmentInput,
  type PairExplanation,
  type PairIssue,
} from './assignment-explanation'
