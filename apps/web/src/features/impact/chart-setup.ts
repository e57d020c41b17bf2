// Loaded only by the impact dashboard (dynamic import): registers just the Chart.js parts the
// dashboard uses, so the rest of Chart.js is tree-shaken out of the bundle.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

export { Chart }
