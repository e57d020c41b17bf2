import { describe, expect, it } from 'vitest'
import { HttpRequestMetrics, LATENCY_BUCKETS } from './http-request-metrics'

describe('HttpRequestMetrics', () => {
  it('counts per method, route and status', () => {
    const m = new HttpRequestMetrics()
    m.record('GET', '/a', 200, 0.001)
    m.record('GET', '/a', 200, 0.002)
    m.record('GET', '/a', 404, 0.001)
    m.record('POST', '/a', 201, 0.3)
    expect(m.counterValues()).toEqual([
      { labels: { method: 'GET', route: '/a', status: '200' }, value: 2 },
      { labels: { method: 'GET', route: '/a', status: '404' }, value: 1 },
      { labels: { method: 'POST', route: '/a', status: '201' }, value: 1 },
    ])
  })

  it('builds cumulative buckets (a value on a bound counts in it), sum and count per method and route', () => {
    const m = new HttpRequestMetrics()
    m.record('GET', '/a', 200, 0.005) // on the first bound
    m.record('GET', '/a', 500, 0.02)
    m.record('GET', '/a', 200, 7) // above the last bound: +Inf only
    const values = m.histogramValues('h')
    const bucket = (le: string) => values.find((v) => v.metricName === 'h_bucket' && v.labels.le === le)!.value
    expect(bucket('0.005')).toBe(1)
    expect(bucket('0.01')).toBe(1)
    expect(bucket('0.025')).toBe(2)
    expect(bucket('5')).toBe(2)
    expect(bucket('+Inf')).toBe(3)
    expect(values.filter((v) => v.metricName === 'h_bucket')).toHaveLength(LATENCY_BUCKETS.length + 1)
    expect(values.find((v) => v.metricName === 'h_count')).toEqual({ metricName: 'h_count', labels: { method: 'GET', route: '/a' }, value: 3 })
    expect(values.find((v) => v.metricName === 'h_sum')!.value).toBeCloseTo(7.025)
  })
})
