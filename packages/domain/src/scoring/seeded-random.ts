/** Tiny deterministic LCG (Numerical Recipes constants) for property tests; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
