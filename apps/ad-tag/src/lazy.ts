/** How near the viewport a slot must come before its ad is asked for. */
export const LAZY_MARGIN = '200px 0px'

/**
 * Calls `onNear` once, when `element` comes within LAZY_MARGIN of the viewport with a width of
 * its own (a slot in a hidden or 0×0 container is never asked for: nobody could see its ad),
 * and the page is not being prerendered (a prerendered page asks when the reader arrives).
 * Without IntersectionObserver, at once. Returns a function that stops watching.
 */
export function whenNear(element: Element, onNear: () => void): () => void {
  let observer: IntersectionObserver | undefined
  let stopped = false
  const near = () => {
    if (stopped) return
    stopped = true
    observer?.disconnect()
    onNear()
  }
  const watch = () => {
    if (stopped) return
    if (typeof IntersectionObserver !== 'function') return near()
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting && entry.boundingClientRect.width > 0) near()
        }
      },
      { rootMargin: LAZY_MARGIN },
    )
    observer.observe(element)
  }
  const prerendering = (document as Document & { prerendering?: boolean }).prerendering
  if (prerendering) document.addEventListener('prerenderingchange', watch, { once: true })
  else watch()
  return () => {
    stopped = true
    observer?.disconnect()
    document.removeEventListener('prerenderingchange', watch)
  }
}
