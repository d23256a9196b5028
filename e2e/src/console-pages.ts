// What the console's page-by-page suite checks on every page: axe-core's findings, whether the
// page is wider than the screen, whether its main actions can be reached, and full-page
// screenshots at a laptop's and two phones' widths.
import { createRequire } from 'node:module'
import type { Locator, Page } from 'playwright-core'

/**
 * A 1366 px laptop, a 390 px phone and the narrowest phone the console supports, 360 px: the
 * widths the console is checked at.
 */
export const WIDTHS = [1366, 390, 360] as const

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

/**
 * The elements whose right edge lies beyond the viewport and that nothing clips (a map's tiles,
 * inside the map's frame, do not count), outermost only, each with how far it sticks out: what
 * to fix when the page scrolls sideways, or what is cut off when something hides the scrolling.
 */
export function elementsPastTheEdge(page: Page): Promise<{ element: string; past: number }[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX
        if (overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 0.5) return true
      }
      return false
    }
    const past = [...document.body.querySelectorAll('*')].filter((element) => {
      const box = element.getBoundingClientRect()
      return box.width > 0 && box.right > width + 0.5 && !clipped(element)
    })
    const name = (element: Element) =>
      [element.tagName.toLowerCase(), ...[...element.classList].map((c) => `.${c}`)].join('')
    return past
      .filter((element) => !past.includes(element.parentElement as Element))
      .map((element) => ({
        element: name(element),
        past: Math.round(element.getBoundingClientRect().right - width),
      }))
  })
}

/**
 * Why an action cannot be used at this width, or null when it can: it must be visible, lie
 * within the viewport's width, and take a click (Playwright's trial click: scrolled to, stable,
 * enabled, and not covered by anything else).
 */
export async function unreachable(action: Locator, viewportWidth: number): Promise<string | null> {
  if (!(await action.isVisible())) return 'not visible'
  await action.scrollIntoViewIfNeeded()
  const box = await action.boundingBox()
  if (!box || box.x < 0 || box.x + box.width > viewportWidth + 0.5) {
    return `outside the viewport (${box ? `${Math.round(box.x)}–${Math.round(box.x + box.width)}` : 'no box'} px)`
  }
  try {
    await action.click({ trial: true, timeout: 2_000 })
    return null
  } catch (error) {
    return `cannot be clicked: ${(error as Error).message.split('\n')[0]}`
  }
}
