import { computed, nextTick, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue'
import { measuredWindow, rowOffsets, scrollTargetForKey, type RowWindow } from './virtual-window'

/**
 * Renders only the rows of a long table body that are in view (plus an overscan) inside a scroll
 * container, with spacer rows before and after them so the scrollbar stands for the whole list. Row
 * heights are measured once rendered (a row whose details are opened grows) and estimated until then.
 *
 * The template binds `container` to the scroll container (with `onScroll` and `onKeydown`), `body`
 * to the `<tbody>`, gives each rendered row the id `keyOf(item)` and renders `rows` between spacers of
 * `range.before` and `range.after` px. `measure()` after anything that changes a row's height.
 */
export function useVirtualRows<T>(items: Ref<readonly T[]>, keyOf: (item: T) => string, options: { enabled: Ref<boolean>; estimate?: number; overscan?: number }) {
  const overscan = options.overscan ?? 8
  const container = ref<HTMLElement | null>(null)
  const body = ref<HTMLElement | null>(null)
  const scrollTop = ref(0)
  // Before the first measurement: enough rows for a tall viewport.
  const viewportHeight = ref(900)
  const bodyOffset = ref(0)
  const estimate = ref(options.estimate ?? 48)
  let estimated = false
  const heights = new Map<string, number>()
  const version = ref(0)

  const offsets = computed(() => {
    void version.value
    const list = items.value
    const h = new Float64Array(list.length)
    for (let i = 0; i < list.length; i++) h[i] = heights.get(keyOf(list[i]!)) ?? estimate.value
    return rowOffsets(h)
  })

  const range = computed<RowWindow>(() => {
    if (!options.enabled.value) return { start: 0, end: items.value.length, before: 0, after: 0, total: 0 }
    return measuredWindow({ scrollTop: scrollTop.value - bodyOffset.value, viewportHeight: viewportHeight.value, offsets: offsets.value, overscan })
  })
  const rows = computed(() => items.value.slice(range.value.start, range.value.end))

  /** Reads the rendered rows' heights and the viewport; re-renders when an estimate was off. */
  function measure() {
    const el = container.value
    const tbody = body.value
    if (!el || !tbody || !options.enabled.value) return
    viewportHeight.value = el.clientHeight
    bodyOffset.value = tbody.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop
    let changed = false
    const fresh: number[] = []
    for (const tr of tbody.querySelectorAll<HTMLElement>(':scope > tr[id]')) {
      const key = tr.id
      const height = tr.getBoundingClientRect().height
      if (height <= 0) continue
      if (!heights.has(key)) fresh.push(height)
      if (Math.abs((heights.get(key) ?? -1) - height) > 0.5) {
        heights.set(key, height)
        changed = true
      }
    }
    // Unmeasured rows take the height of the first rows measured (fixed from then on, so the spacers
    // above a row do not move under the reader).
    if (!estimated && fresh.length > 0) {
      estimated = true
      estimate.value = fresh.reduce((a, b) => a + b, 0) / fresh.length
    }
    if (changed) version.value++
  }

  function onScroll() {
    const el = container.value
    if (!el) return
    scrollTop.value = el.scrollTop
  }

  /** Arrow keys, Page Up/Down, Home and End on the focused container itself (not on a control inside it). */
  function onKeydown(event: KeyboardEvent) {
    const el = container.value
    if (!el || event.target !== el || !options.enabled.value || event.altKey || event.ctrlKey || event.metaKey) return
    const to = scrollTargetForKey(event.key, { scrollTop: el.scrollTop, viewportHeight: el.clientHeight - bodyOffset.value, lineHeight: estimate.value, scrollHeight: el.scrollHeight })
    if (to === null) return
    event.preventDefault()
    el.scrollTop = to
    scrollTop.value = el.scrollTop
  }

  function toTop() {
    if (container.value) container.value.scrollTop = 0
    scrollTop.value = 0
  }

  let frame = 0
  watch(
    () => [range.value.start, range.value.end, options.enabled.value, items.value] as const,
    () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(measure)
    },
    { flush: 'post' },
  )

  const observer = shallowRef<ResizeObserver | null>(null)
  watch(
    container,
    (el) => {
      observer.value?.disconnect()
      if (!el || typeof ResizeObserver === 'undefined') return
      observer.value = new ResizeObserver(() => measure())
      observer.value.observe(el)
    },
    { flush: 'post' },
  )
  watch(options.enabled, (on) => {
    if (on) void nextTick(() => (toTop(), measure()))
  })
  onBeforeUnmount(() => {
    cancelAnimationFrame(frame)
    observer.value?.disconnect()
  })

  return { container, body, range, rows, measure, onScroll, onKeydown, toTop }
}
