import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const fixture = fileURLToPath(new URL('./fixtures/one-request.ts', import.meta.url))

/**
 * One authenticated request to a console-api in a child with a heap of `heapMb`: its answer, or
 * how the child died (a request sized by its input exhausts the heap, where a test in this process
 * would only see a slow answer, and no timing assertion may tell slow from fine).
 */
export function requestInSmallHeap(url: string, heapMb: number) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, fixture, url], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  })
  const line = child.stdout.trim().split('\n').at(-1) ?? ''
  return {
    exitCode: child.status,
    signal: child.signal,
    answer: line.startsWith('{')
      ? (JSON.parse(line) as { status: number; body: unknown })
      : undefined,
    stderr: child.stderr.slice(-2000),
  }
}
