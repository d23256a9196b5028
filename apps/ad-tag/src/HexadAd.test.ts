import type { Ad } from '@hexad/contracts/ads'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetApiOrigin } from './api-origin.ts'
import { defineHexadAd } from './element.ts'
import { fakeIntersectionObserver } from './testing/fake-intersection-observer.ts'

const API = 'https://ads.hexad.test'
const ad = {
  requestId: 'r-1',
  campaignId: 7,
  frequencyCap: null,
  frequencyResetsAt: null,
  creative: {
    id: 3,
    title: 'Shibuya coffee break',
    body: 'Two minutes from the crossing.',
    imageUrl: null,
    width: 300,
    height: 250,
    cta: null,
  },
  impUrl: `${API}/v1/imp/token-1`,
  clickUrl: `${API}/v1/click/token-1`,
} satisfies Ad
const SHIBUYA = { latitude: 35.6595, longitude: 139.7005 }

let fetch: ReturnType<typeof vi.fn>
let viewport: ReturnType<typeof fakeIntersectionObserver>
let getCurrentPosition: ReturnType<typeof vi.fn>
let consoleErrors: ReturnType<typeof vi.spyOn>

function answer(response: () => Response | Promise<Response>) {
  fetch = vi.fn(async () => response())
  vi.stubGlobal('fetch', fetch)
}

/** Browser geolocation with the given permission state; the position is always Shibuya. */
function geolocation(state: PermissionState) {
  getCurrentPosition = vi.fn((success: PositionCallback) =>
    success({ coords: SHIBUYA } as GeolocationPosition),
  )
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: { getCurrentPosition },
  })
  Object.defineProperty(navigator, 'permissions', {
    configurable: true,
    value: { query: vi.fn(async () => ({ state })) },
  })
}

/** Puts the element on the page and brings it near the viewport, where it asks for its ad. */
async function place(attributes: string): Promise<HTMLElement> {
  const element = mount(attributes)
  await vi.waitFor(() => expect(viewport.watching).toBeGreaterThan(0))
  viewport.approach()
  await vi.waitFor(() => expect(element.dataset.state).not.toBe('loading'))
  return element
}

function mount(attributes: string): HTMLElement {
  document.body.innerHTML = `<hexad-ad ${attributes}></hexad-ad>`
  return document.querySelector<HTMLElement>('hexad-ad')!
}

const requestedUrl = (call = 0) => new URL(String(fetch.mock.calls[call]?.[0]))

beforeAll(() => {
  customElements.define('hexad-ad', defineHexadAd('https://tag.hexad.test/hexad-tag.js'))
})

beforeEach(() => {
  viewport = fakeIntersectionObserver()
  localStorage.clear()
  window.__HEXAD_CONFIG__ = { apiOrigin: API }
  geolocation('prompt')
  consoleErrors = vi.spyOn(console, 'error')
})

afterEach(() => {
  // Nothing the tag meets may reach the publisher's console.
  expect(consoleErrors).not.toHaveBeenCalled()
  document.body.innerHTML = ''
  resetApiOrigin()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('<hexad-ad>', () => {
  it('renders the ad in its shadow root, linked to the click URL in a new tab', async () => {
    answer(() => Response.json(ad))
    const element = await place('slot="top" id="top-ad" class="publisher-box"')
    expect(element.dataset.state).toBe('filled')
    const link = element.shadowRoot!.querySelector('a')!
    // The publisher's attributes stay on the host: no second #top-ad inside.
    expect(link.id).toBe('')
    expect(link.className).toBe('ad ad--box')
    expect(link.getAttribute('href')).toBe(ad.clickUrl)
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.textContent).toContain('Shibuya coffee break')
    expect(link.textContent).toContain('Two minutes from the crossing.')
    expect(requestedUrl().origin + requestedUrl().pathname).toBe(`${API}/v1/ads`)
    expect(requestedUrl().searchParams.get('slot')).toBe('top')
  })

  it('does not ask for the position when the page has no permission yet', async () => {
    answer(() => Response.json(ad))
    await place('slot="top"')
    expect(getCurrentPosition).not.toHaveBeenCalled()
    expect(requestedUrl().searchParams.has('lat')).toBe(false)
  })

  it('sends the position when the page already has permission', async () => {
    geolocation('granted')
    answer(() => Response.json(ad))
    await place('slot="top"')
    expect(requestedUrl().searchParams.get('lat')).toBe('35.65950')
    expect(requestedUrl().searchParams.get('lng')).toBe('139.70050')
  })

  it('asks for the position when the publisher wrote geo="prompt"', async () => {
    answer(() => Response.json(ad))
    await place('slot="top" geo="prompt"')
    expect(getCurrentPosition).toHaveBeenCalledOnce()
    expect(requestedUrl().searchParams.get('lat')).toBe('35.65950')
  })

  it('prefers the api attribute to the page configuration', async () => {
    answer(() => Response.json(ad))
    await place('slot="top" api="https://other-ads.hexad.test"')
    expect(requestedUrl().origin).toBe('https://other-ads.hexad.test')
  })

  it.each([
    ['there is no fill (204)', () => new Response(null, { status: 204 })],
    ['ad-api is down', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['ad-api fails (500)', () => Response.json({ error: 'boom' }, { status: 500 })],
    ['the answer is not an ad', () => new Response('<html>proxy error</html>')],
  ])('collapses, whatever the page CSS says, when %s', async (_, response) => {
    answer(response)
    const element = await place('slot="top" style="display: block; min-height: 250px"')
    expect(element.dataset.state).toBe('empty')
    expect(element.style.getPropertyValue('display')).toBe('none')
    expect(element.style.getPropertyPriority('display')).toBe('important')
    expect(element.shadowRoot!.querySelector('a')).toBeNull()
  })

  it('sends one impression when the ad has been viewable, however often it is seen', async () => {
    answer(() => Response.json(ad))
    const element = await place('slot="top"')
    vi.useFakeTimers()

    viewport.scrollTo(0.6)
    vi.advanceTimersByTime(500)
    expect(fetch).toHaveBeenCalledTimes(1) // the ad request only
    vi.advanceTimersByTime(500)
    viewport.scrollTo(0)
    viewport.scrollTo(1)
    vi.advanceTimersByTime(3_000)

    const impressions = fetch.mock.calls.filter(([url]) => String(url) === ad.impUrl)
    expect(impressions).toHaveLength(1)
    expect(impressions[0]?.[1]).toMatchObject({ keepalive: true, credentials: 'omit' })
    expect(element.dataset.impression).toBe('sent')
  })

  it('sends the impression again when ad-api could not record it (503), then stops', async () => {
    let refusals = 1
    answer(() => Response.json(ad))
    fetch.mockImplementation(async (url: unknown) => {
      if (String(url) !== ad.impUrl) return Response.json(ad)
      if (refusals-- > 0)
        return new Response(null, { status: 503, headers: { 'retry-after': '2' } })
      return new Response(null, { status: 204 })
    })
    await place('slot="top"')
    vi.useFakeTimers()
    viewport.scrollTo(1)
    await vi.advanceTimersByTimeAsync(1_000) // viewable: the first send, refused
    await vi.advanceTimersByTimeAsync(2_000) // Retry-After: the second, recorded
    await vi.advanceTimersByTimeAsync(30_000)
    const impressions = fetch.mock.calls.filter(([url]) => String(url) === ad.impUrl)
    expect(impressions).toHaveLength(2)
  })

  it('asks for its ad only when it comes near the viewport, and never for a hidden slot', async () => {
    answer(() => Response.json(ad))
    const element = mount('slot="below"')
    await vi.waitFor(() => expect(viewport.watching).toBe(1))
    expect(fetch).not.toHaveBeenCalled()
    viewport.approach({ width: 0, height: 0 }) // in a display:none or 0×0 container
    await Promise.resolve()
    expect(fetch).not.toHaveBeenCalled()
    viewport.approach()
    await vi.waitFor(() => expect(element.dataset.state).toBe('filled'))
    expect(fetch).toHaveBeenCalledOnce()
  })

  it('waits for the reader while the page is being prerendered', async () => {
    answer(() => Response.json(ad))
    Object.defineProperty(document, 'prerendering', { configurable: true, value: true })
    const element = mount('slot="top"')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(viewport.watching).toBe(0)
    Object.defineProperty(document, 'prerendering', { configurable: true, value: false })
    document.dispatchEvent(new Event('prerenderingchange'))
    viewport.approach()
    await vi.waitFor(() => expect(element.dataset.state).toBe('filled'))
    delete (document as { prerendering?: boolean }).prerendering
  })

  it('tells the page when the slot is requested, rendered and viewable', async () => {
    answer(() => Response.json(ad))
    const events: [string, unknown][] = []
    for (const name of ['requested', 'rendered', 'empty', 'viewable']) {
      document.addEventListener(`hexad:${name}`, (e) =>
        events.push([e.type, (e as CustomEvent).detail]),
      )
    }
    await place('slot="top" size="300x250"')
    vi.useFakeTimers()
    viewport.scrollTo(1)
    vi.advanceTimersByTime(1_000)
    expect(events).toEqual([
      ['hexad:requested', { slot: 'top', size: '300x250' }],
      ['hexad:rendered', { slot: 'top', campaignId: 7, creativeId: 3 }],
      ['hexad:viewable', { slot: 'top', campaignId: 7, creativeId: 3 }],
    ])
    vi.useRealTimers()
    answer(() => new Response(null, { status: 204 }))
    await place('slot="side"')
    expect(events.at(-1)).toEqual(['hexad:empty', { slot: 'side' }])
  })

  it('renders an image creative of the slot’s size with its call to action', async () => {
    const banner = {
      ...ad,
      creative: {
        ...ad.creative,
        imageUrl: 'https://cdn.hexad.test/b.png',
        width: 728,
        height: 90,
        cta: 'Order now',
      },
    }
    answer(() => Response.json(banner))
    const element = await place('slot="top" size="728x90"')
    expect(requestedUrl().searchParams.get('size')).toBe('728x90')
    const link = element.shadowRoot!.querySelector<HTMLElement>('a')!
    expect(link.className).toBe('ad ad--banner')
    expect(link.style.width).toBe('728px')
    expect(link.style.height).toBe('90px')
    expect(link.querySelector('img')!.getAttribute('src')).toBe('https://cdn.hexad.test/b.png')
    expect(link.querySelector('.ad__cta')!.textContent).toBe('Order now')
    // A size the tag does not know is not sent.
    await place('slot="top" size="1x1"')
    expect(requestedUrl(1).searchParams.has('size')).toBe(false)
  })

  async function seeCappedAd(attributes: string) {
    const capped = { ...ad, frequencyCap: 3, frequencyResetsAt: Date.now() + 3_600_000 }
    answer(() => Response.json(capped))
    await place(attributes)
    vi.useFakeTimers()
    viewport.scrollTo(1)
    vi.advanceTimersByTime(1_000)
    vi.useRealTimers()
  }

  it('counts a capped campaign’s impressions in the page’s storage and sends them', async () => {
    await seeCappedAd('slot="top"')
    expect(requestedUrl(0).searchParams.has('fc')).toBe(false)
    await seeCappedAd('slot="top"')
    expect(requestedUrl(0).searchParams.get('fc')).toBe('7:1')
    answer(() => Response.json(ad))
    await place('slot="side"')
    expect(requestedUrl().searchParams.get('fc')).toBe('7:2')
    // Nothing else is kept: no identifier, no cookie.
    expect(Object.keys(localStorage)).toEqual(['hexad:frequency'])
    expect(document.cookie).toBe('')
  })

  it('keeps nothing and sends no position when the publisher says there is no consent', async () => {
    geolocation('granted')
    await seeCappedAd('slot="top" consent="denied"')
    expect(localStorage.length).toBe(0)
    expect(requestedUrl().searchParams.has('lat')).toBe(false)
    expect(getCurrentPosition).not.toHaveBeenCalled()
  })

  it.each([
    ['refuses storage', { gdprApplies: true, purpose: { consents: { 1: false } } }, false, false],
    [
      'allows storage, not the position',
      { gdprApplies: true, purpose: { consents: { 1: true } } },
      true,
      false,
    ],
    [
      'allows both',
      { gdprApplies: true, purpose: { consents: { 1: true } }, specialFeatureOptins: { 1: true } },
      true,
      true,
    ],
    ['says GDPR does not apply', { gdprApplies: false }, true, true],
  ])('follows the TCF answer when the reader %s', async (_, tcData, storage, position) => {
    geolocation('granted')
    const tcfapi = vi.fn(
      (command: string, _v: number, callback: (d: object, ok: boolean) => void) => {
        if (command === 'addEventListener') {
          callback({ eventStatus: 'cmpuishown', listenerId: 1 }, true)
          callback({ ...tcData, eventStatus: 'useractioncomplete', listenerId: 1 }, true)
        }
      },
    )
    vi.stubGlobal('__tcfapi', tcfapi)
    await seeCappedAd('slot="top"')
    expect(localStorage.length).toBe(storage ? 1 : 0)
    expect(requestedUrl().searchParams.has('lat')).toBe(position)
    expect(tcfapi).toHaveBeenCalledWith('removeEventListener', 2, expect.any(Function), 1)
  })
})
