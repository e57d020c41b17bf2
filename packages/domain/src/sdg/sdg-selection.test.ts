import { describe, expect, it } from 'vitest'
import { validateSdgSelection } from './sdg-selection'

describe('validateSdgSelection', () => {
  it('accepts an empty selection', () => {
    expect(validateSdgSelection({ goals: [], targets: [] })).toEqual([])
  })

  it('accepts goals with targets of those goals', () => {
    expect(validateSdgSelection({ goals: [1, 8, 10], targets: ['1.1', '8.5', '10.2', '8.b'] })).toEqual([])
  })

  it('accepts goals without targets', () => {
    expect(validateSdgSelection({ goals: [13], targets: [] })).toEqual([])
  })

  it('reports unknown goals with their index', () => {
    expect(validateSdgSelection({ goals: [1, 0, 18, 2.5], targets: [] })).toEqual([
      { field: 'goals', index: 1, code: 'sdg.unknown_goal', value: 0 },
      { field: 'goals', index: 2, code: 'sdg.unknown_goal', value: 18 },
      { field: 'goals', index: 3, code: 'sdg.unknown_goal', value: 2.5 },
    ])
  })

  it('reports unknown targets with their index', () => {
    expect(validateSdgSelection({ goals: [1], targets: ['1.1', '1.9', 'x', '1.A'] })).toEqual([
      { field: 'targets', index: 1, code: 'sdg.unknown_target', value: '1.9' },
      { field: 'targets', index: 2, code: 'sdg.unknown_target', value: 'x' },
      { field: 'targets', index: 3, code: 'sdg.unknown_target', value: '1.A' },
    ])
  })

  it('reports the later occurrence of a duplicate goal or target', () => {
    expect(validateSdgSelection({ goals: [3, 4, 3], targets: ['3.4', '4.4', '3.4'] })).toEqual([
      { field: 'goals', index: 2, code: 'sdg.duplicate', value: 3 },
      { field: 'targets', index: 2, code: 'sdg.duplicate', value: '3.4' },
    ])
  })

  it('reports a target whose goal is not selected', () => {
    expect(validateSdgSelection({ goals: [1], targets: ['1.2', '8.5'] })).toEqual([
      { field: 'targets', index: 1, code: 'sdg.target_goal_not_selected', value: '8.5' },
    ])
  })

  it('does not count an unknown goal entry as selecting that goal', () => {
    expect(validateSdgSelection({ goals: [99], targets: ['1.1'] })).toEqual([
      { field: 'goals', index: 0, code: 'sdg.unknown_goal', value: 99 },
      { field: 'targets', index: 0, code: 'sdg.target_goal_not_selected', value: '1.1' },
    ])
  })

  it('reports one problem per entry: a repeated target of an unselected goal is a duplicate', () => {
    expect(validateSdgSelection({ goals: [], targets: ['5.5', '5.5'] })).toEqual([
      { field: 'targets', index: 0, code: 'sdg.target_goal_not_selected', value: '5.5' },
      { field: 'targets', index: 1, code: 'sdg.duplicate', value: '5.5' },
    ])
  })
})
