import { vi } from 'vitest'

/**
 * IntersectionObserver driven by the test: `scrollTo(ratio)` tells every observer that its
 * elements are now that much in view, as the browser would after a scroll.
 */
export function fakeIntersectionObserver() {
  const observers = new Set<{ callback: IntersectionObserverCallback; targets: Element[] }>()
  class FakeObserver {
    readonly entry: { callback: IntersectionObserverCallback; targets: Element[] }
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, targets: [] }
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
  return {
    get watching() {
      return observers.size
    },
    scrollTo(ratio: number) {
      for (const { callback, targets } of [...observers]) {
        const entries = targets.map(
          (target) => ({ target, isIntersecting: ratio > 0, intersectionRatio: ratio }) as never,
        )
        callback(entries, {} as IntersectionObserver)
      }
    },
  }
}
