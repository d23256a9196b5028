export interface ViewabilityRule {
  /** Share of the ad's area that must be in the viewport. */
  threshold: number
  /** How long it must stay there, without interruption, while the page is visible. */
  durationMs: number
}

/** IAB/MRC display ad viewability: 50 % of the pixels for one continuous second. */
export const IAB_DISPLAY: ViewabilityRule = { threshold: 0.5, durationMs: 1_000 }

/**
 * Calls `onViewable` once, the first time `element` meets the rule. Leaving the viewport or
 * hiding the tab before the time is up restarts the count. Returns a function that stops watching.
 */
export function watchViewability(
  element: Element,
  onViewable: () => void,
  rule: ViewabilityRule = IAB_DISPLAY,
): () => void {
  let inView = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const stop = () => {
    observer.disconnect()
    document.removeEventListener('visibilitychange', update)
    clearTimeout(timer)
    timer = undefined
  }

  function update() {
    const counting = inView && document.visibilityState === 'visible'
    if (counting && timer === undefined) {
      timer = setTimeout(() => {
        stop()
        onViewable()
      }, rule.durationMs)
    } else if (!counting && timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        // A 0×0 ad is "intersecting" with a ratio of 1 by the spec's rule: nobody sees it.
        const { width, height } = entry.boundingClientRect
        inView =
          entry.isIntersecting && entry.intersectionRatio >= rule.threshold && width * height > 0
      }
      update()
    },
    // 0 as well, so that leaving the viewport entirely is reported too.
    { threshold: [0, rule.threshold] },
  )
  observer.observe(element)
  document.addEventListener('visibilitychange', update)
  return stop
}
