import { describe, expect, it } from 'vitest'
import { createSeededRandom } from './assignment-instance-generator'
import { integerCostScale, solveMinCostFlow } from './min-cost-flow'

interface Arc {
  from: number
  to: number
  capacity: number
  cost: number
}

const solve = ({ nodeCount, source, sink, arcs, flowLimit }: { nodeCount: number; source: number; sink: number; arcs: Arc[]; flowLimit?: number }) =>
  solveMinCostFlow({
    nodeCount,
    source,
    sink,
    from: arcs.map((a) => a.from),
    to: arcs.map((a) => a.to),
    capacity: arcs.map((a) => a.capacity),
    cost: arcs.map((a) => a.cost),
    ...(flowLimit === undefined ? {} : { flowLimit }),
  })

/**
 * Reference: textbook successive shortest paths with Bellman-Ford, one path at a time. Slow and
 * simple, so it is easy to trust; the solver under test shares no code with it.
 */
function referenceMinCostMaxFlow({ nodeCount, source, sink, arcs }: { nodeCount: number; source: number; sink: number; arcs: Arc[] }) {
  const to: number[] = []
  const cap: number[] = []
  const cost: number[] = []
  const out: number[][] = Array.from({ length: nodeCount }, () => [])
  for (const a of arcs) {
    out[a.from]!.push(to.length)
    to.push(a.to)
    cap.push(a.capacity)
    cost.push(a.cost)
    out[a.to]!.push(to.length)
    to.push(a.from)
    cap.push(0)
    cost.push(-a.cost)
  }
  let flow = 0
  let total = 0
  for (;;) {
    const dist = new Array<number>(nodeCount).fill(Infinity)
    const via = new Array<number>(nodeCount).fill(-1)
    dist[source] = 0
    for (let round = 0; round < nodeCount; round++) {
      let changed = false
      for (let u = 0; u < nodeCount; u++) {
        if (dist[u] === Infinity) continue
        for (const e of out[u]!) {
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[to[e]!]!) {
            dist[to[e]!] = dist[u]! + cost[e]!
            via[to[e]!] = e
            changed = true
          }
        }
      }
      if (!changed) break
    }
    if (dist[sink] === Infinity) return { flow, total }
    let push = Infinity
    for (let v = sink; v !== source; v = to[via[v]! ^ 1]!) push = Math.min(push, cap[via[v]!]!)
    for (let v = sink; v !== source; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]! -= push
      cap[via[v]! ^ 1]! += push
    }
    flow += push
    total += push * dist[sink]!
  }
}

function randomNetwork(random: () => number, { acyclic }: { acyclic: boolean }) {
  const nodeCount = 2 + Math.floor(random() * 7)
  const arcs: Arc[] = []
  const arcCount = Math.floor(random() * 4 * nodeCount)
  for (let i = 0; i < arcCount; i++) {
    let from = Math.floor(random() * nodeCount)
    let to = Math.floor(random() * nodeCount)
    if (from === to) continue
    // Negative costs only on a DAG (arcs go up in index), so there is no negative cycle.
    if (acyclic && from > to) [from, to] = [to, from]
    const cost = acyclic ? Math.floor(random() * 21) - 10 : Math.floor(random() * 11)
    arcs.push({ from, to, capacity: Math.floor(random() * 5), cost })
  }
  return { nodeCount, source: 0, sink: nodeCount - 1, arcs }
}

describe('solveMinCostFlow', () => {
  it('finds the cheapest way to send the maximum flow on a small known network', () => {
    // Two routes s→a→t (cost 1+1, cap 2) and s→b→t (cost 2+3, cap 3), plus a→b (cost 1).
    const result = solve({
      nodeCount: 4,
      source: 0,
      sink: 3,
      arcs: [
        { from: 0, to: 1, capacity: 3, cost: 1 },
        { from: 0, to: 2, capacity: 2, cost: 2 },
        { from: 1, to: 3, capacity: 2, cost: 1 },
        { from: 1, to: 2, capacity: 1, cost: 1 },
        { from: 2, to: 3, capacity: 3, cost: 3 },
      ],
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.flowValue).toBe(5)
    // 2 units s→a→t (4), 1 unit s→a→b→t (5), 2 units s→b→t (10).
    expect(result.totalCost).toBe(19)
    expect([...result.arcFlow]).toEqual([3, 2, 2, 1, 3])
  })

  it('respects flowLimit and takes the cheapest units first', () => {
    const arcs = [
      { from: 0, to: 1, capacity: 1, cost: 5 },
      { from: 0, to: 1, capacity: 1, cost: 1 },
      { from: 0, to: 1, capacity: 1, cost: 3 },
    ]
    const result = solve({ nodeCount: 2, source: 0, sink: 1, arcs, flowLimit: 2 })
    expect(result.ok && { flow: result.flowValue, cost: result.totalCost, arcFlow: [...result.arcFlow] }).toEqual({
      flow: 2,
      cost: 4,
      arcFlow: [0, 1, 1],
    })
  })

  it('handles decimal costs exactly by scaling them to integers', () => {
    expect(integerCostScale({ cost: [1, 2, -3] })).toEqual({ scale: 1, exact: true })
    expect(integerCostScale({ cost: [0.1, 0.25] })).toEqual({ scale: 100, exact: true })
    const result = solve({
      nodeCount: 3,
      source: 0,
      sink: 2,
      arcs: [
        { from: 0, to: 1, capacity: 3, cost: 0.1 },
        { from: 1, to: 2, capacity: 3, cost: 0.2 },
        { from: 0, to: 2, capacity: 1, cost: 0.35 },
      ],
    })
    expect(result.ok && result.totalCost).toBe(1.25)
    expect(result.ok && result.stats.costScale).toBe(100)
    expect(integerCostScale({ cost: [Math.PI] })).toEqual({ scale: 1e9, exact: false })
  })

  it('stays exact with costs beyond 32-bit integers', () => {
    const big = 3e9
    const result = solve({
      nodeCount: 4,
      source: 0,
      sink: 3,
      arcs: [
        { from: 0, to: 1, capacity: 2, cost: big },
        { from: 0, to: 2, capacity: 2, cost: big + 1 },
        { from: 1, to: 3, capacity: 1, cost: 7 },
        { from: 2, to: 3, capacity: 2, cost: 0 },
        { from: 1, to: 2, capacity: 1, cost: 0 },
      ],
    })
    // 2 units via 1 (one continues 1→2→3), 1 unit via 2: 3 units, cost 3·big + 1 + 7.
    expect(result.ok && { flow: result.flowValue, cost: result.totalCost }).toEqual({ flow: 3, cost: 3 * big + 8 })
  })

  it('accepts negative costs without a negative cycle and reports a negative cycle', () => {
    const dag = solve({
      nodeCount: 4,
      source: 0,
      sink: 3,
      arcs: [
        { from: 0, to: 1, capacity: 1, cost: 0 },
        { from: 0, to: 2, capacity: 1, cost: 0 },
        { from: 1, to: 3, capacity: 1, cost: -4 },
        { from: 2, to: 3, capacity: 1, cost: -1 },
      ],
    })
    expect(dag.ok && dag.totalCost).toBe(-5)
    const cycle = solve({
      nodeCount: 4,
      source: 0,
      sink: 3,
      arcs: [
        { from: 0, to: 1, capacity: 1, cost: 0 },
        { from: 1, to: 2, capacity: 1, cost: -2 },
        { from: 2, to: 1, capacity: 1, cost: 1 },
        { from: 2, to: 3, capacity: 1, cost: 0 },
      ],
    })
    expect(cycle).toMatchObject({ ok: false, reason: 'negative_cycle' })
  })

  it('rejects malformed input with a reason instead of throwing', () => {
    const base = { nodeCount: 3, source: 0, sink: 2 }
    expect(solve({ ...base, arcs: [{ from: 0, to: 5, capacity: 1, cost: 0 }] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(solve({ ...base, arcs: [{ from: 0, to: 1, capacity: 1.5, cost: 0 }] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(solve({ ...base, arcs: [{ from: 1, to: 1, capacity: 1, cost: 0 }] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(solve({ ...base, arcs: [{ from: 0, to: 1, capacity: 1, cost: Number.NaN }] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(solve({ ...base, sink: 0, arcs: [] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(solve({ ...base, arcs: [{ from: 0, to: 2, capacity: 1, cost: 1e16 }] })).toMatchObject({ ok: false, reason: 'cost_range' })
  })

  it('matches a Bellman-Ford reference on 300 random networks, with a valid flow and a minimum cut', () => {
    const random = createSeededRandom({ seed: 7 })
    for (let round = 0; round < 300; round++) {
      const network = randomNetwork(random, { acyclic: round % 2 === 0 })
      const result = solve(network)
      const reference = referenceMinCostMaxFlow(network)
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect({ round, flow: result.flowValue, cost: result.totalCost }).toEqual({ round, flow: reference.flow, cost: reference.total })

      const balance = new Array<number>(network.nodeCount).fill(0)
      let cost = 0
      let cut = 0
      network.arcs.forEach((arc, i) => {
        const f = result.arcFlow[i]!
        expect(f).toBeGreaterThanOrEqual(0)
        expect(f).toBeLessThanOrEqual(arc.capacity)
        balance[arc.from]! -= f
        balance[arc.to]! += f
        cost += f * arc.cost
        if (result.sourceSide[arc.from] === 1 && result.sourceSide[arc.to] !== 1) cut += arc.capacity
      })
      expect(cost).toBe(result.totalCost)
      expect(balance.every((b, v) => v === network.source || v === network.sink || b === 0)).toBe(true)
      expect(balance[network.sink]).toBe(result.flowValue)
      // Max-flow min-cut: the reported source side is a cut whose capacity equals the flow.
      expect(cut).toBe(result.flowValue)
    }
  })
})
