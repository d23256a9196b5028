import { vi } from 'vitest'

interface Watched {
  callback: IntersectionObserverCallback
  targets: Element[]
  /** Set for the lazy-loading observer (a margin around the viewport), not for viewability. */
  rootMargin: string | undefined
}

/** What the browser reports of a box: a 300×250 ad unless a test says otherwise. */
type Box = { width: number; height: number }
const AD_BOX: Box = { width: 300, height: 250 }

/**
 * IntersectionObserver driven by the test: `approach()` tells the lazy-loading observers that
 * their slots came within their margin of the viewport; `scrollTo(ratio)` tells every observer
 * that its elements are now that much in view, as the browser would after a scroll.
 */
export function fakeIntersectionObserver() {
  const observers = new Set<Watched>()
  class FakeObserver {
    readonly entry: Watched
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      this.entry = { callback, targets: [], rootMargin: options?.rootMargin }
      observers.add(this.entry)
    }
    observe(target: Element) {
      this.entry.targets.push(target)
    }
    disconnect() {
      observers.delete(this.entry)
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  const report = (watched: Watched, ratio: number, intersecting: boolean, box: Box) => {
    const entries = watched.targets.map(
      (target) =>
        ({
          target,
          isIntersecting: intersecting,
          intersectionRatio: ratio,
          boundingClientRect: box,
        }) as never,
    )
    watched.callback(entries, {} as IntersectionObserver)
  }
  return {
    get watching() {
      return observers.size
    },
    /** Lazy observers: the slot is within the margin (not yet in view), `box` its size. */
    approach(box: Box = AD_BOX) {
      for (const watched of [...observers]) {
        if (watched.rootMargin !== undefined) report(watched, 0, true, box)
      }
    },
    scrollTo(ratio: number, box: Box = AD_BOX) {
      for (const watched of [...observers]) report(watched, ratio, ratio > 0, box)
    },
  }
}
