import type { Registry } from 'prom-client'

/** One sample of the exposition, as prom-client's registry reads it from `get()`. */
interface Sample {
  metricName: string
  labels: Record<string, string | number>
  value: number
}

/** The counts of one label set; `observe` is all the request path calls. */
export class HistogramSeries {
  readonly labels: Record<string, string>
  readonly #bounds: number[]
  /** Per bucket, not cumulative; the last one is +Inf. */
  readonly counts: Float64Array
  sum = 0
  count = 0

  constructor(labels: Record<string, string>, bounds: number[]) {
    this.labels = labels
    this.#bounds = bounds
    this.counts = new Float64Array(bounds.length + 1)
  }

  observe(value: number): void {
    let i = 0
    while (i < this.#bounds.length && value > this.#bounds[i]!) i++
    this.counts[i]!++
    this.sum += value
    this.count++
  }
}

interface CountingHistogramOptions {
  name: string
  help: string
  buckets: number[]
  registers: Registry[]
}

/**
 * A Prometheus histogram, served through prom-client's registry in its format, whose `observe`
 * only finds a bucket and adds one. prom-client's own observe validates and hashes the labels on
 * every call, even through a labelled child: measured with autocannon against a bare Fastify
 * 204, that was ~13% of the request (a no-op hook ~3%). The caller looks up a series once per
 * label set and keeps it.
 */
export class CountingHistogram {
  readonly name: string
  readonly help: string
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #bounds: number[]
  readonly #series = new Map<string, HistogramSeries>()

  constructor(options: CountingHistogramOptions) {
    this.name = options.name
    this.help = options.help
    this.#bounds = [...options.buckets].sort((a, b) => a - b)
    for (const registry of options.registers) registry.registerMetric(this as never)
  }

  /** The series of these labels, made on first use. */
  series(labels: Record<string, string>): HistogramSeries {
    const key = JSON.stringify(labels)
    let series = this.#series.get(key)
    if (!series) {
      series = new HistogramSeries(labels, this.#bounds)
      this.#series.set(key, series)
    }
    return series
  }

  get(): { name: string; help: string; type: string; values: Sample[]; aggregator: string } {
    const values: Sample[] = []
    for (const { labels, counts, sum, count } of this.#series.values()) {
      let cumulative = 0
      this.#bounds.forEach((bound, i) => {
        cumulative += counts[i]!
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le: bound },
          value: cumulative,
        })
      })
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le: '+Inf' },
        value: count,
      })
      values.push({ metricName: `${this.name}_sum`, labels, value: sum })
      values.push({ metricName: `${this.name}_count`, labels, value: count })
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    }
  }

  reset(): void {
    for (const series of this.#series.values()) {
      series.counts.fill(0)
      series.sum = 0
      series.count = 0
    }
  }
}
