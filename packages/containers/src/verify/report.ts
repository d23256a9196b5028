import { say } from '../exec.ts'

/** One line of the containers:verify summary. */
export interface CheckResult {
  app: string
  check: string
  ok: boolean
  detail: string
}

export class Report {
  readonly results: CheckResult[] = []

  add(app: string, check: string, ok: boolean, detail = ''): void {
    this.results.push({ app, check, ok, detail })
    say(`${ok ? 'PASS' : 'FAIL'}  ${app}: ${check}${detail ? ` (${detail})` : ''}`)
  }

  get failed(): CheckResult[] {
    return this.results.filter((r) => !r.ok)
  }

  summary(): string {
    const width = Math.max(...this.results.map((r) => r.app.length + r.check.length + 2), 10)
    return this.results
      .map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${`${r.app}: ${r.check}`.padEnd(width)}  ${r.detail}`)
      .join('\n')
  }
}
