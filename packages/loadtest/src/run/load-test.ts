import type { LoadTestResults } from '../results.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { evaluateThresholds, type Threshold } from '../thresholds.ts'
import { runLoad, type LoadPlan } from './load.ts'
import { createRecorder } from './recorder.ts'

export interface LoadTest {
  scenario: Scenario
  plan: LoadPlan
  thresholds: Threshold[]
  env: NodeJS.ProcessEnv
  signal: AbortSignal
}

// At most this many points per chart line: one per second for runs up to five minutes.
const MAX_BUCKETS = 300

export function bucketMsFor(totalMs: number): number {
  return Math.max(1, Math.ceil(totalMs / MAX_BUCKETS / 1000)) * 1000
}

/** Prepares the scenario, runs the load, and judges the thresholds. */
export async function runLoadTest(test: LoadTest): Promise<LoadTestResults> {
  const { scenario, plan, signal } = test
  const prepared = await scenario.prepare(plan.target, test.env)
  const bucketMs = bucketMsFor(plan.rampUpMs + plan.durationMs)
  const recorder = createRecorder(scenario.endpoints, { bucketMs })
  const startedAt = new Date()
  const requests = scenario.requests(recorder)
  await runLoad(plan, { requests, headers: prepared.headers }, recorder, signal)
  const { endpoints, total, elapsedSeconds } = recorder.finish()
  const thresholds = evaluateThresholds(test.thresholds, endpoints, total)
  const interrupted = signal.aborted
  return {
    scenario: scenario.name,
    target: plan.target.origin,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    elapsedSeconds,
    interrupted,
    load: {
      connections: plan.connections,
      rate: plan.rate,
      rampUpSeconds: plan.rampUpMs / 1000,
      durationSeconds: plan.durationMs / 1000,
      timeoutSeconds: plan.timeoutMs / 1000,
    },
    bucketSeconds: bucketMs / 1000,
    setup: prepared.setup,
    endpoints,
    total,
    thresholds,
    passed: !interrupted && thresholds.every((t) => t.passed),
  }
}
