import { consoleScenario } from './console.ts'
import { publisher } from './publisher.ts'
import type { Scenario } from './scenario.ts'

export const scenarios: Record<string, Scenario> = {
  publisher,
  console: consoleScenario,
}
