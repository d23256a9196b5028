// Whether a page can be used by keyboard alone: Tab, from the top, reaches every control the
// page shows, and each shows where the focus is.
import type { Page } from 'playwright-core'

export interface TabWalk {
  /** The controls Tab reached, in order. */
  reached: string[]
  /** Controls on the page that Tab never reached. */
  missed: string[]
  /** Controls that had the focus without a visible focus ring (outline or box shadow). */
  noRing: string[]
  /**
   * What took the focus without a tabIndex of 0 or more when the walk began: Chromium puts an
   * SVG shape with focus listeners in the tab order (Leaflet's shapes with a tooltip).
   */
  unlisted: string[]
}

/** Presses Tab from the top of the page until the focus comes round again. */
export async function walkWithTab(page: Page): Promise<TabWalk> {
  const controls = await page.evaluate(() => {
    // Whatever the browser puts in the tab order says so with a tabIndex of 0 or more: links,
    // controls, [tabindex] elements, and Leaflet's interactive SVG shapes.
    const focusable = [...document.body.querySelectorAll<HTMLElement>('*')].filter((element) => {
      if (element.tabIndex < 0 || (element as HTMLButtonElement).disabled) return false
      if (element.closest('[hidden], [inert]') || element.getClientRects().length === 0) {
        return false
      }
      if (getComputedStyle(element).visibility === 'hidden') return false
      // Tab stops once in a group of radios: on the checked one.
      const radio = element as HTMLInputElement
      return radio.type !== 'radio' || radio.checked
    })
    // A label's own words, without those of the control inside it (a select's options).
    const labelText = (element: HTMLElement) => {
      const label = (element as HTMLInputElement).labels?.[0]
      if (!label) return null
      return [...label.childNodes]
        .filter((node) => !node.contains(element))
        .map((node) => node.textContent)
        .join('')
    }
    const names: string[] = []
    for (const [index, element] of focusable.entries()) {
      element.dataset.tabWalk = String(index)
      const label =
        element.getAttribute('aria-label') ??
        labelText(element) ??
        element.getAttribute('title') ??
        (element.textContent ?? '').replace(/\s+/g, ' ')
      names.push(`${element.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`)
    }
    ;(document.activeElement as HTMLElement | null)?.blur()
    window.scrollTo(0, 0)
    return names
  })

  const reached: string[] = []
  const noRing: string[] = []
  const seen = new Set<string>()
  let previous: string | undefined
  for (let press = 0; press < controls.length * 4 + 20; press++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (!element || element === document.body) return null
      const style = getComputedStyle(element)
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none'
      // Not on the list made at the start (it came later, or is focusable in a way the list
      // did not foresee): named now, so it is reported rather than mistaken for another.
      element.dataset.tabWalk ??= `unlisted ${element.tagName.toLowerCase()}.${[...element.classList].join('.')} #${document.querySelectorAll('[data-tab-walk^=unlisted]').length}`
      return { id: element.dataset.tabWalk, ring }
    })
    if (!focused) break // past the last control: the focus left the page
    if (focused.id === previous) continue // a date input's parts: one control, several stops
    if (seen.has(focused.id)) break
    seen.add(focused.id)
    previous = focused.id
    const name = controls[Number(focused.id)] ?? focused.id
    reached.push(name)
    if (!focused.ring) noRing.push(name)
  }
  const missed = controls.filter((_, index) => !seen.has(String(index)))
  const unlisted = reached.filter((name) => name.startsWith('unlisted '))
  return { reached, missed, noRing, unlisted }
}
