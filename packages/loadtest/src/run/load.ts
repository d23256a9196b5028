import autocannon from 'autocannon'
import type { TaggedRequest } from '../scenarios/scenario.ts'
import { drainClient, watchClient } from './client-watch.ts'
import type { Recorder } from './recorder.ts'

export interface LoadPlan {
  target: URL
  connections: number
  /** Requests per second over all connections; null = as fast as the connections go. */
  rate: number | null
  rampUpMs: number
  durationMs: number
  timeoutMs: number
}

export interface Stage {
  connections: number
  rate: number | null
  durationMs: number
}

// autocannon has no ramp-up: it runs at one load from start to end. A ramp is a few short runs at
// a sixth, two sixths… of the load, then the full load for --duration.
const RAMP_STEPS = 5

export function stagesOf(plan: LoadPlan): Stage[] {
  const stages: Stage[] = []
  if (plan.rampUpMs > 0) {
    for (let i = 1; i <= RAMP_STEPS; i++) {
      const share = i / (RAMP_STEPS + 1)
      stages.push({
        connections: Math.max(1, Math.round(plan.connections * share)),
        rate: plan.rate === null ? null : Math.max(1, Math.round(plan.rate * share)),
        durationMs: plan.rampUpMs / RAMP_STEPS,
      })
    }
  }
  stages.push({ connections: plan.connections, rate: plan.rate, durationMs: plan.durationMs })
  return stages
}

interface StageRun {
  target: URL
  stage: Stage
  timeoutMs: number
  requests: TaggedRequest[]
  headers: Record<string, string>
  recorder: Recorder
  signal: AbortSignal
}

/** One autocannon run, ended by draining its connections at the stage's deadline or on abort. */
function runStage(run: StageRun): Promise<void> {
  const { stage, timeoutMs, signal } = run
  const clients: autocannon.Client[] = []
  const drain = () => clients.forEach(drainClient)
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(drain, stage.durationMs)
    signal.addEventListener('abort', drain)
    autocannon(
      {
        url: run.target.origin,
        connections: stage.connections,
        ...(stage.rate === null ? {} : { overallRate: stage.rate }),
        // A backstop only: draining ends the run, at most one timeout after the deadline.
        duration: (stage.durationMs + timeoutMs) / 1000 + 2,
        timeout: timeoutMs / 1000,
        // autocannon notices that every connection has drained on its next sample tick; its own
        // per-sample figures are not used, so tick often and end the stage promptly.
        sampleInt: 100,
        headers: run.headers,
        requests: run.requests as autocannon.Request[],
        setupClient: (client) => {
          clients.push(client)
          watchClient(client, run.recorder)
        },
      },
      (err) => {
        clearTimeout(timer)
        signal.removeEventListener('abort', drain)
        if (err) reject(err instanceof Error ? err : new Error(String(err)))
        else resolve()
      },
    )
  })
}

/** Sends the scenario's flow to the target, stage after stage, until done or aborted. */
export async function runLoad(
  plan: LoadPlan,
  flow: { requests: TaggedRequest[]; headers: Record<string, string> },
  recorder: Recorder,
  signal: AbortSignal,
): Promise<void> {
  for (const stage of stagesOf(plan)) {
    if (signal.aborted) return
    await runStage({
      target: plan.target,
      stage,
      timeoutMs: plan.timeoutMs,
      ...flow,
      recorder,
      signal,
    })
  }
}
