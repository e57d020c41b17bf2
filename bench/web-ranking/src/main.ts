/**
 * Benchmark 6c: the chair's ranking table (apps/web/src/features/jury/components/RankingTable.vue, as
 * ResultsSection mounts it: with the per-juror details) on 5,000 rows built by the screen's own
 * `rankingRows` from a RoundResults-shaped object, 40 jurors per proposal. The app's Dutch messages.
 * `?size=all` opens it with all rows (the virtualised mode), otherwise with pages of 50.
 * Marks: window.__bench.renderMs once the first page is painted.
 */
import { createApp, h, nextTick } from 'vue'
import { createI18n } from 'vue-i18n'
import nl from '../../../apps/web/src/i18n/nl.json'
import nlFeatures from '../../../apps/web/src/i18n/nl.features.json'
import RankingTable from '../../../apps/web/src/features/jury/components/RankingTable.vue'
import { rankingRows, type RoundResults } from '../../../apps/web/src/features/jury/results'
import '../../../apps/web/src/features/jury/jury.css'

const params = new URLSearchParams(location.search)
const proposals = Number(params.get('rows') ?? 5000)
const initialPageSize = params.get('size') ?? '50'
const jurors = 40
const criteria = ['c0', 'c1', 'c2', 'c3', 'c4']
// A fixed-seed sequence, so every run draws the same table.
let state = 42
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)

const list = Array.from({ length: proposals }, (_, i) => {
  const jurorTotals = Array.from({ length: jurors }, (_, j) => {
    const raw = 40 + random() * 50
    return { jurorId: `j${j}`, raw, calibrated: raw + random() * 4 - 2, z: random() * 4 - 2 }
  })
  const finalScore = jurorTotals.reduce((s, j) => s + j.calibrated, 0) / jurors
  return {
    proposalId: `p${i}`,
    finalScore,
    jurorTotals,
    disagreement: { sd: random() * 20, flagged: random() < 0.1 },
    thresholdFailures: random() < 0.05 ? ['c0'] : [],
    stability: { bestRank: 0, worstRank: 0 },
    tied: false,
    rank: 0,
  }
})
list.sort((a, b) => b.finalScore - a.finalScore)
list.forEach((p, i) => {
  p.rank = i + 1
  p.stability = { bestRank: Math.max(1, i + 1 - Math.floor(random() * 5)), worstRank: i + 1 + Math.floor(random() * 5) }
})
const results = { proposals: list } as unknown as RoundResults
const titles = Object.fromEntries(list.map((p, i) => [p.proposalId, `Voorstel ${i}: ${['Eenzaamheid', 'Energiearmoede', 'Hittestress', 'Zwerfafval'][i % 4]} in de wijk`]))
const names = Object.fromEntries(criteria.map((c, i) => [c, `Criterium ${i + 1}`]))
const byId = new Map(list.map((p) => [p.proposalId, p]))
const jurorDetails = (proposalId: string) => byId.get(proposalId)!.jurorTotals.map((j, n) => ({ juror: `Jurylid ${n + 1}`, raw: j.raw, calibrated: j.calibrated, z: j.z }))

const started = performance.now()
const rows = rankingRows(results, titles, names)
const i18n = createI18n({ legacy: false, locale: 'nl', messages: { nl: { ...nl, ...nlFeatures } } })
createApp({ render: () => h(RankingTable, { rows, jurorDetails, initialPageSize }) }).use(i18n).mount('#app')
void nextTick(() =>
  requestAnimationFrame(() =>
    setTimeout(() => {
      ;(window as unknown as { __bench: object }).__bench = { renderMs: performance.now() - started, rows: rows.length }
    }),
  ),
)
