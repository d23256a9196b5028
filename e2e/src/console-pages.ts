// What the console's page-by-page suite checks on every page: axe-core's findings, whether the
// page is wider than the screen, and full-page screenshots at a laptop's and a phone's width.
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** A 1366 px laptop and a 390 px phone: the widths the console is checked at. */
export const WIDTHS = [1366, 390] as const

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; every violation, worst first. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath })
  return page.evaluate(async () => {
    type Found = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }
    type Axe = { run: (...args: unknown[]) => Promise<{ violations: Found[] }> }
    const { axe } = window as unknown as { axe: Axe }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
}

/** How many CSS pixels the page is wider than its viewport (0: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
}
