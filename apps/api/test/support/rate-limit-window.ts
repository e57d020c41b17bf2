/**
 * The global rate limit counts in windows aligned on the minute (plugins/rate-limit-store.ts): a test that ran
 * across a minute's edge would see the count start again. Waits out the minute's last `needMs`.
 */
export async function awayFromMinuteEdge(needMs = 5_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50))
}
