import L from 'leaflet'
import { afterEach, describe, expect, it } from 'vitest'
import { fenceEditor } from './fence-editor.ts'

const words = {
  centre: (fence: { lat: number; lng: number }) => `Centre, ${fence.lat}, ${fence.lng}`,
  radius: 'Radius',
  radiusValue: (radiusM: number) => `${radiusM} m`,
  describedBy: 'how-to',
}
const limits = { min: 50, max: 50_000 }

let container: HTMLDivElement | undefined
afterEach(() => container?.remove())

function editorOnAMap() {
  container = document.createElement('div')
  document.body.append(container)
  const map = L.map(container).setView([35.68, 139.77], 14)
  const changes: { lat: number; lng: number; radiusM: number }[] = []
  const editor = fenceEditor(L, map, { limits, onChange: (fence) => changes.push(fence) })
  editor.show({ lat: 35.68, lng: 139.77, radiusM: 800 }, words)
  const handle = (modifier: string) =>
    container!.querySelector<HTMLElement>(`.fence-handle--${modifier}`)!
  const press = (element: HTMLElement, key: string, shiftKey = false) => {
    const event = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true })
    element.dispatchEvent(event)
    return event
  }
  return { editor, changes, handle, press }
}

describe('the fence editor by keyboard', () => {
  it('names its handles: the centre by its numbers, the radius as a slider with its value', () => {
    const { handle } = editorOnAMap()
    expect(handle('centre').getAttribute('role')).toBe('button')
    expect(handle('centre').tabIndex).toBe(0)
    expect(handle('centre').getAttribute('aria-label')).toBe('Centre, 35.68, 139.77')
    expect(handle('radius').getAttribute('role')).toBe('slider')
    expect(handle('radius').getAttribute('aria-valuenow')).toBe('800')
    expect(handle('radius').getAttribute('aria-valuetext')).toBe('800 m')
    expect(handle('radius').getAttribute('aria-describedby')).toBe('how-to')
  })

  it('asks for the moved fence on an arrow, and keeps the page from scrolling', () => {
    const { changes, handle, press } = editorOnAMap()
    const up = press(handle('centre'), 'ArrowUp')
    expect(up.defaultPrevented).toBe(true)
    expect(changes).toHaveLength(1)
    expect(changes[0]!.lng).toBe(139.77)
    expect((changes[0]!.lat - 35.68) * 111_195).toBeCloseTo(100, 0)
    press(handle('radius'), 'ArrowLeft', true)
    expect(changes[1]).toEqual({ lat: 35.68, lng: 139.77, radiusM: 50 }) // 800 - 1000, at the limit
  })

  it('lets every other key through: Tab still leaves the handle', () => {
    const { changes, handle, press } = editorOnAMap()
    expect(press(handle('centre'), 'Tab').defaultPrevented).toBe(false)
    expect(changes).toEqual([])
  })

  it('moves the same handles when the numbers change, so the focus stays where it was', () => {
    const { editor, handle } = editorOnAMap()
    const centre = handle('centre')
    centre.focus()
    editor.show({ lat: 35.681, lng: 139.77, radiusM: 900 }, words)
    expect(handle('centre')).toBe(centre)
    expect(document.activeElement).toBe(centre)
    expect(centre.getAttribute('aria-label')).toBe('Centre, 35.681, 139.77')
    expect(handle('radius').getAttribute('aria-valuenow')).toBe('900')
  })
})
