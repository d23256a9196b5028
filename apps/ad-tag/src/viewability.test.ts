import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeIntersectionObserver } from './testing/fake-intersection-observer.ts'
import { watchViewability } from './viewability.ts'

let viewport: ReturnType<typeof fakeIntersectionObserver>
let onViewable: ReturnType<typeof vi.fn<() => void>>

function setTabVisible(visible: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (visible ? 'visible' : 'hidden'),
  })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  vi.useFakeTimers()
  viewport = fakeIntersectionObserver()
  onViewable = vi.fn()
  setTabVisible(true)
  watchViewability(document.createElement('div'), onViewable)
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('IAB viewability: 50 % of the ad for one continuous second', () => {
  it('counts an ad half in view for one second, once', () => {
    viewport.scrollTo(0.5)
    vi.advanceTimersByTime(999)
    expect(onViewable).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onViewable).toHaveBeenCalledOnce()

    viewport.scrollTo(0)
    viewport.scrollTo(1)
    vi.advanceTimersByTime(5_000)
    expect(onViewable).toHaveBeenCalledOnce()
    expect(viewport.watching).toBe(0)
  })

  it('does not count less than half of the ad', () => {
    viewport.scrollTo(0.49)
    vi.advanceTimersByTime(10_000)
    expect(onViewable).not.toHaveBeenCalled()
  })

  it('starts the second again when the ad leaves the viewport before it is up', () => {
    viewport.scrollTo(0.8)
    vi.advanceTimersByTime(900)
    viewport.scrollTo(0.3)
    vi.advanceTimersByTime(900)
    viewport.scrollTo(0.8)
    vi.advanceTimersByTime(900)
    expect(onViewable).not.toHaveBeenCalled()
    vi.advanceTimersByTime(100)
    expect(onViewable).toHaveBeenCalledOnce()
  })

  it('does not count while the tab is hidden', () => {
    viewport.scrollTo(1)
    vi.advanceTimersByTime(500)
    setTabVisible(false)
    vi.advanceTimersByTime(10_000)
    expect(onViewable).not.toHaveBeenCalled()
    setTabVisible(true)
    vi.advanceTimersByTime(1_000)
    expect(onViewable).toHaveBeenCalledOnce()
  })
})
