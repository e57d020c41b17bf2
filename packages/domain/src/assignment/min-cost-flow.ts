/**
 * Min-cost max-flow by the primal-dual method: Dijkstra on reduced costs (Johnson potentials)
 * finds the current shortest source–sink distance, then a Dinic max-flow on the admissible
 * subgraph (residual arcs of reduced cost 0) pushes every shortest path of that length at once.
 *
 * Why not plain successive shortest paths: in jury assignment every augmenting path carries one
 * unit, so 15,000 Dijkstra runs over 2.5M arcs would take minutes. The number of primal-dual
 * phases is the number of distinct marginal path costs instead (73 on the 5,000 × 500 benchmark).
 *
 * Exactness: costs are scaled to integers (see `integerCostScale`); potentials and distances are
 * float64, which holds integers exactly below 2^53 (checked up front), so reduced costs are
 * compared with `=== 0` safely.
 * Precondition: the arcs contain no negative-cost cycle reachable from the source (checked).
 */

export interface MinCostFlowInput {
  nodeCount: number
  source: number
  sink: number
  /** Arc i goes from `from[i]` to `to[i]`; typed arrays keep large networks compact. */
  from: ArrayLike<number>
  to: ArrayLike<number>
  /** Non-negative integers below 2^31. */
  capacity: ArrayLike<number>
  /** Integers or decimals; decimals are scaled by a power of ten to integers internally. */
  cost: ArrayLike<number>
  /** Stop once this much flow is sent; defaults to the maximum flow. */
  flowLimit?: number
}

export interface MinCostFlowStats {
  /** Dijkstra runs that found the sink, i.e. distinct shortest-path lengths used. */
  phases: number
  /** Augmenting paths pushed by the blocking-flow step. */
  augmentations: number
  costScale: number
}

export type MinCostFlowResult =
  | {
      ok: true
      flowValue: number
      totalCost: number
      /** Flow on each input arc, same order as the input. */
      arcFlow: Int32Array
      /**
       * 1 for nodes reachable from the source in the final residual graph: the source side of a
       * minimum cut, which names the bottleneck when the flow falls short of a demand.
       */
      sourceSide: Uint8Array
      stats: MinCostFlowStats
    }
  | { ok: false; reason: 'invalid_input' | 'negative_cycle' | 'cost_range'; message: string }

const MAX_DECIMALS = 9

/**
 * Smallest power of ten (up to 1e9) that turns every cost into an integer. Costs with more
 * decimals than that are rounded at 1e9, which is far below any meaningful cost difference.
 */
export function integerCostScale({ cost }: { cost: ArrayLike<number> }): { scale: number; exact: boolean } {
  let decimals = 0
  for (let i = 0; i < cost.length; i++) {
    const c = cost[i] ?? 0
    while (decimals < MAX_DECIMALS && !isNearInteger(c * 10 ** decimals)) decimals++
    if (decimals === MAX_DECIMALS && !isNearInteger(c * 10 ** decimals)) return { scale: 10 ** MAX_DECIMALS, exact: false }
  }
  return { scale: 10 ** decimals, exact: true }
}

/** Integer up to the rounding error of c·10^d itself (0.1·10 is 1.0000000000000002). */
function isNearInteger(x: number): boolean {
  return Math.abs(x - Math.round(x)) <= 8 * Number.EPSILON * Math.max(1, Math.abs(x))
}

export function solveMinCostFlow(input: MinCostFlowInput): MinCostFlowResult {
  const { nodeCount: n, source, sink, from, to, capacity, cost } = input
  const m = from.length
  const invalid = validate(input)
  if (invalid) return { ok: false, reason: 'invalid_input', message: invalid }

  const { scale } = integerCostScale({ cost })
  let maxAbsCost = 0
  for (let i = 0; i < m; i++) maxAbsCost = Math.max(maxAbsCost, Math.abs(Math.round((cost[i] ?? 0) * scale)))
  // Potentials and distances are sums of at most n arc costs; keep them exact in float64.
  if (maxAbsCost * (n + 1) * 2 >= Number.MAX_SAFE_INTEGER) {
    return { ok: false, reason: 'cost_range', message: `costs too large to handle exactly (max |cost|·scale = ${maxAbsCost}, ${n} nodes)` }
  }

  const { g, forwardOf, hasNegative } = buildResidual({ n, source, sink, from, to, capacity, cost, scale, maxAbsCost })
  if (hasNegative && !initialPotentials(g)) {
    return { ok: false, reason: 'negative_cycle', message: 'the network has a negative-cost cycle reachable from the source' }
  }

  // Each step is its own function, called once per phase, so V8 optimises each as a whole
  // instead of running one huge, once-entered function through on-stack replacement.
  const flowLimit = input.flowLimit ?? Number.POSITIVE_INFINITY
  let flowValue = 0
  let phases = 0
  let augmentations = 0
  while (flowValue < flowLimit) {
    const tightCount = shortestDistances(g)
    if (g.settled[sink] !== 1) break
    phases++
    updatePotentials(g)
    buildAdmissible(g, tightCount)
    const pushed = blockingFlows(g, flowLimit - flowValue)
    flowValue += pushed.flow
    augmentations += pushed.paths
  }

  const arcFlow = new Int32Array(m)
  let scaledCost = 0
  for (let i = 0; i < m; i++) {
    const f = (capacity[i] ?? 0) - g.cap[forwardOf[i]!]!
    arcFlow[i] = f
    scaledCost += f * g.arcCost[forwardOf[i]!]!
  }
  return {
    ok: true,
    flowValue,
    totalCost: scaledCost / scale,
    arcFlow,
    sourceSide: residualReach(g),
    stats: { phases, augmentations, costScale: scale },
  }
}

/** Residual network in flat arrays plus the work arrays of the phases (allocated once). */
interface Residual {
  n: number
  source: number
  sink: number
  /** Arcs of node u are start[u] … start[u+1]−1; arc e goes to head[e], its reverse is partner[e]. */
  start: Int32Array
  head: Int32Array
  cap: Int32Array
  arcCost: Float64Array | Int32Array
  partner: Int32Array
  /**
   * Each node's slots keep its arcs with residual capacity first (slots[start[u]] … activeEnd[u]−1),
   * so Dijkstra skips the millions of empty reverse arcs. Only the few arcs on augmenting paths
   * change capacity, and each change is an O(1) swap.
   */
  slots: Int32Array
  slotOf: Int32Array
  activeEnd: Int32Array
  pi: Float64Array
  dist: Float64Array
  settled: Uint8Array
  dSink: number
  heap: ReturnType<typeof createIndexedHeap>
  /** Arcs found tight by the last Dijkstra (and their tails), then the admissible ones. */
  tight: Int32Array<ArrayBuffer>
  tightTail: Int32Array<ArrayBuffer>
  /** The admissible subgraph in the same layout as start/head: zArcs[zStart[u]] … */
  zStart: Int32Array
  zNext: Int32Array
  zArcs: Int32Array<ArrayBuffer>
  level: Int32Array
  queue: Int32Array
  currentArc: Int32Array
  pathArcs: Int32Array
}

function buildResidual({
  n,
  source,
  sink,
  from,
  to,
  capacity,
  cost,
  scale,
  maxAbsCost,
}: Pick<MinCostFlowInput, 'source' | 'sink' | 'from' | 'to' | 'capacity' | 'cost'> & { n: number; scale: number; maxAbsCost: number }): {
  g: Residual
  forwardOf: Int32Array
  hasNegative: boolean
} {
  const m = from.length
  const start = new Int32Array(n + 1)
  for (let i = 0; i < m; i++) {
    start[(from[i] ?? 0) + 1]!++
    start[(to[i] ?? 0) + 1]!++
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!
  const arcTotal = 2 * m
  const head = new Int32Array(arcTotal)
  const cap = new Int32Array(arcTotal)
  // Int32 when the scaled costs allow: Dijkstra streams this array every phase, half the bytes.
  const arcCost = maxAbsCost < 0x40000000 ? new Int32Array(arcTotal) : new Float64Array(arcTotal)
  const partner = new Int32Array(arcTotal)
  const forwardOf = new Int32Array(m)
  const next = start.slice(0, n)
  let hasNegative = false
  for (let i = 0; i < m; i++) {
    const u = from[i] ?? 0
    const v = to[i] ?? 0
    const c = Math.round((cost[i] ?? 0) * scale)
    const f = next[u]!++
    const r = next[v]!++
    head[f] = v
    head[r] = u
    cap[f] = capacity[i] ?? 0
    arcCost[f] = c
    arcCost[r] = -c
    partner[f] = r
    partner[r] = f
    forwardOf[i] = f
    if (c < 0 && (capacity[i] ?? 0) > 0) hasNegative = true
  }

  const slots = new Int32Array(arcTotal)
  const slotOf = new Int32Array(arcTotal)
  const activeEnd = new Int32Array(n)
  for (let u = 0; u < n; u++) {
    let low = start[u]!
    let high = start[u + 1]! - 1
    for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
      const at = cap[e]! > 0 ? low++ : high--
      slots[at] = e
      slotOf[e] = at
    }
    activeEnd[u] = low
  }

  const dist = new Float64Array(n)
  const g: Residual = {
    n,
    source,
    sink,
    start,
    head,
    cap,
    arcCost,
    partner,
    slots,
    slotOf,
    activeEnd,
    pi: new Float64Array(n),
    dist,
    settled: new Uint8Array(n),
    dSink: Number.POSITIVE_INFINITY,
    heap: createIndexedHeap(n, dist),
    tight: new Int32Array(Math.min(arcTotal, 1024)),
    tightTail: new Int32Array(Math.min(arcTotal, 1024)),
    zStart: new Int32Array(n + 1),
    zNext: new Int32Array(n),
    zArcs: new Int32Array(Math.min(arcTotal, 1024)),
    level: new Int32Array(n),
    queue: new Int32Array(n),
    currentArc: new Int32Array(n),
    pathArcs: new Int32Array(n),
  }
  return { g, forwardOf, hasNegative }
}

/**
 * Dijkstra on reduced costs over arcs with residual capacity; it stops once every node as close
 * as the sink is settled (ties included, so all shortest paths are seen). Arcs that are tight
 * when scanned (d(u) + c̄ ≤ d(v) so far) are collected in g.tight: the admissible arcs of the
 * phase are among them, which spares a second pass over all arcs. Returns how many.
 */
function shortestDistances(g: Residual): number {
  const { start, head, arcCost, slots, activeEnd, pi, dist, settled, heap, sink } = g
  let tight = g.tight
  let tightTail = g.tightTail
  dist.fill(Number.POSITIVE_INFINITY)
  settled.fill(0)
  dist[g.source] = 0
  heap.push(g.source)
  let tightCount = 0
  let dSink = Number.POSITIVE_INFINITY
  while (heap.size() > 0 && heap.topKey() <= dSink) {
    const u = heap.pop()
    settled[u] = 1
    if (u === sink) {
      dSink = dist[sink]!
      continue
    }
    const du = dist[u]! + pi[u]!
    for (let i = start[u]!, end = activeEnd[u]!; i < end; i++) {
      const e = slots[i]!
      const v = head[e]!
      const nd = du + arcCost[e]! - pi[v]!
      const dv = dist[v]!
      // Settled nodes need no test: reduced costs are ≥ 0, so nd < dist[v] cannot happen for
      // them, while nd === dist[v] is a tight arc the blocking flow may need (a re-route).
      if (nd > dv) continue
      if (tightCount === tight.length) {
        tight = grow(tight, head.length)
        tightTail = grow(tightTail, head.length)
      }
      tightTail[tightCount] = u
      tight[tightCount++] = e
      if (nd < dv) {
        dist[v] = nd
        heap.pushOrDecrease(v)
      }
    }
  }
  heap.clear()
  g.tight = tight
  g.tightTail = tightTail
  g.dSink = dSink
  return tightCount
}

/**
 * Settled nodes move by their distance, all others by the sink's. That keeps every residual
 * reduced cost non-negative although Dijkstra stopped early: for an arc u→v with u settled,
 * d(v) ≤ d(u) + c̄ after the scan; with u not settled, u moves by d(sink), the largest shift.
 */
function updatePotentials(g: Residual): void {
  const { n, pi, dist, settled, dSink } = g
  for (let v = 0; v < n; v++) pi[v]! += settled[v] === 1 ? dist[v]! : dSink
}

/**
 * The admissible subgraph: tight arcs that have reduced cost 0 under the new potentials, plus
 * their reverse arcs (also of reduced cost 0), which gain capacity as flow is pushed. Any
 * source–sink path in it is a shortest path. Missing an admissible arc only costs an extra phase
 * at the same distance, never correctness. Tails come from Dijkstra and reverse arcs are added
 * unconditionally because looking either up through partner[] is a cache miss per arc, which
 * made this step slower than Dijkstra itself.
 */
function buildAdmissible(g: Residual, tightCount: number): void {
  const { n, head, arcCost, partner, pi, tight, tightTail, zStart, zNext } = g
  let zCount = 0
  for (let i = 0; i < tightCount; i++) {
    const e = tight[i]!
    const u = tightTail[i]!
    if (arcCost[e]! + pi[u]! !== pi[head[e]!]!) continue
    tight[zCount] = e
    tightTail[zCount++] = u
  }
  zStart.fill(0)
  for (let i = 0; i < zCount; i++) {
    zStart[tightTail[i]! + 1]!++
    zStart[head[tight[i]!]! + 1]!++
  }
  for (let v = 0; v < n; v++) zStart[v + 1]! += zStart[v]!
  let zArcs = g.zArcs
  while (zArcs.length < 2 * zCount) zArcs = grow(zArcs, 2 * head.length)
  g.zArcs = zArcs
  zNext.set(zStart.subarray(0, n))
  for (let i = 0; i < zCount; i++) {
    const e = tight[i]!
    zArcs[zNext[tightTail[i]!]!++] = e
    zArcs[zNext[head[e]!]!++] = partner[e]!
  }
}

/** Dinic (level graph + blocking flow) restricted to the admissible subgraph, up to `limit`. */
function blockingFlows(g: Residual, limit: number): { flow: number; paths: number } {
  const { source, sink, head, cap, partner, zStart, zArcs, level, queue, currentArc, pathArcs } = g
  let flow = 0
  let paths = 0
  while (flow < limit) {
    level.fill(-1)
    level[source] = 0
    let qHead = 0
    let qTail = 0
    queue[qTail++] = source
    while (qHead < qTail) {
      const u = queue[qHead++]!
      const lu = level[u]!
      if (level[sink]! >= 0 && lu >= level[sink]!) break
      for (let i = zStart[u]!, end = zStart[u + 1]!; i < end; i++) {
        const e = zArcs[i]!
        if (cap[e]! <= 0) continue
        const v = head[e]!
        if (level[v]! >= 0) continue
        level[v] = lu + 1
        queue[qTail++] = v
      }
    }
    if (level[sink]! < 0) break

    currentArc.set(zStart.subarray(0, g.n))
    let depth = 0
    let u = source
    while (flow < limit) {
      if (u === sink) {
        let push = limit - flow
        for (let i = 0; i < depth; i++) push = Math.min(push, cap[pathArcs[i]!]!)
        let retreatTo = -1
        for (let i = 0; i < depth; i++) {
          const a = pathArcs[i]!
          changeCap(g, a, -push)
          changeCap(g, partner[a]!, push)
          if (retreatTo < 0 && cap[a] === 0) retreatTo = i
        }
        flow += push
        paths++
        depth = retreatTo < 0 ? 0 : retreatTo
        u = depth === 0 ? source : head[pathArcs[depth - 1]!]!
        continue
      }
      const lu = level[u]!
      const end = zStart[u + 1]!
      let i = currentArc[u]!
      for (; i < end; i++) {
        const e = zArcs[i]!
        if (cap[e]! > 0 && level[head[e]!] === lu + 1) break
      }
      currentArc[u] = i
      if (i < end) {
        const e = zArcs[i]!
        pathArcs[depth++] = e
        u = head[e]!
      } else {
        // Dead end: no blocking path continues through u in this level graph.
        level[u] = -1
        if (depth === 0) break
        depth--
        u = head[partner[pathArcs[depth]!]!]!
        currentArc[u]!++
      }
    }
  }
  return { flow, paths }
}

function changeCap(g: Residual, e: number, delta: number): void {
  const { cap, slots, slotOf, activeEnd } = g
  const before = cap[e]!
  const after = before + delta
  cap[e] = after
  const u = g.head[g.partner[e]!]!
  let from = -1
  let to = -1
  if (before <= 0 && after > 0) {
    from = slotOf[e]!
    to = activeEnd[u]!++
  } else if (before > 0 && after <= 0) {
    from = slotOf[e]!
    to = --activeEnd[u]!
  }
  if (from < 0) return
  const other = slots[to]!
  slots[from] = other
  slotOf[other] = from
  slots[to] = e
  slotOf[e] = to
}

function grow(buffer: Int32Array, limit: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.min(limit, buffer.length * 2))
  grown.set(buffer)
  return grown
}

function validate({ nodeCount, source, sink, from, to, capacity, cost, flowLimit }: MinCostFlowInput): string | null {
  if (!Number.isInteger(nodeCount) || nodeCount < 2) return 'nodeCount must be an integer ≥ 2'
  const isNode = (v: number | undefined) => v !== undefined && Number.isInteger(v) && v >= 0 && v < nodeCount
  if (!isNode(source) || !isNode(sink) || source === sink) return 'source and sink must be distinct nodes'
  const m = from.length
  if (to.length !== m || capacity.length !== m || cost.length !== m) return 'from, to, capacity and cost must have the same length'
  if (flowLimit !== undefined && !(flowLimit === Number.POSITIVE_INFINITY || (Number.isInteger(flowLimit) && flowLimit >= 0))) {
    return 'flowLimit must be a non-negative integer'
  }
  for (let i = 0; i < m; i++) {
    if (!isNode(from[i]) || !isNode(to[i])) return `arc ${i} has an endpoint outside 0..${nodeCount - 1}`
    if (from[i] === to[i]) return `arc ${i} is a self-loop`
    const c = capacity[i]
    if (c === undefined || !Number.isInteger(c) || c < 0 || c > 0x7fffffff) return `arc ${i} capacity must be an integer in 0..2^31-1`
    if (!Number.isFinite(cost[i])) return `arc ${i} cost must be finite`
  }
  return null
}

/**
 * Shortest distances from the source by SPFA (queue-based Bellman-Ford), needed once when some
 * costs are negative so that Dijkstra starts from non-negative reduced costs. A node entering
 * the queue n times proves a negative cycle.
 */
function initialPotentials(g: Residual): boolean {
  const { n, source, start, head, cap, arcCost, pi } = g
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
  const inQueue = new Uint8Array(n)
  const enqueued = new Int32Array(n)
  const queue = new Int32Array(n + 1)
  let qHead = 0
  let qSize = 0
  const push = (v: number) => {
    queue[(qHead + qSize) % (n + 1)] = v
    qSize++
    inQueue[v] = 1
    enqueued[v]!++
  }
  dist[source] = 0
  push(source)
  while (qSize > 0) {
    const u = queue[qHead]!
    qHead = (qHead + 1) % (n + 1)
    qSize--
    inQueue[u] = 0
    const du = dist[u]!
    for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
      if (cap[e]! <= 0) continue
      const v = head[e]!
      const nd = du + arcCost[e]!
      if (nd < dist[v]!) {
        dist[v] = nd
        if (inQueue[v] === 0) {
          if (enqueued[v]! >= n) return false
          push(v)
        }
      }
    }
  }
  // Unreachable nodes never carry flow, so any finite potential will do for them.
  for (let v = 0; v < n; v++) pi[v] = Number.isFinite(dist[v]!) ? dist[v]! : 0
  return true
}

function residualReach({ n, source, start, head, cap }: Residual): Uint8Array {
  const seen = new Uint8Array(n)
  const stack = new Int32Array(n)
  let top = 0
  stack[top++] = source
  seen[source] = 1
  while (top > 0) {
    const u = stack[--top]!
    for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
      const v = head[e]!
      if (cap[e]! > 0 && seen[v] === 0) {
        seen[v] = 1
        stack[top++] = v
      }
    }
  }
  return seen
}

/** Binary min-heap over node ids keyed by `key[node]`, with decrease-key through a position map. */
function createIndexedHeap(n: number, key: Float64Array) {
  const heap = new Int32Array(n)
  const pos = new Int32Array(n).fill(-1)
  let size = 0
  const swapUp = (i: number) => {
    const v = heap[i]!
    const kv = key[v]!
    while (i > 0) {
      const p = (i - 1) >> 1
      const pv = heap[p]!
      if (key[pv]! <= kv) break
      heap[i] = pv
      pos[pv] = i
      i = p
    }
    heap[i] = v
    pos[v] = i
  }
  const swapDown = (i: number) => {
    const v = heap[i]!
    const kv = key[v]!
    for (;;) {
      let c = 2 * i + 1
      if (c >= size) break
      if (c + 1 < size && key[heap[c + 1]!]! < key[heap[c]!]!) c++
      const cv = heap[c]!
      if (key[cv]! >= kv) break
      heap[i] = cv
      pos[cv] = i
      i = c
    }
    heap[i] = v
    pos[v] = i
  }
  return {
    size: () => size,
    topKey: () => key[heap[0]!]!,
    push(v: number) {
      heap[size] = v
      pos[v] = size
      swapUp(size++)
    },
    pushOrDecrease(v: number) {
      const i = pos[v]!
      if (i < 0) this.push(v)
      else swapUp(i)
    },
    pop(): number {
      const top = heap[0]!
      pos[top] = -1
      size--
      if (size > 0) {
        heap[0] = heap[size]!
        swapDown(0)
      }
      return top
    },
    clear() {
      for (let i = 0; i < size; i++) pos[heap[i]!] = -1
      size = 0
    },
  }
}
