// Places and spans the selection tests share; the rows themselves come from @hexad/db/testing.
import type { Fence } from '@hexad/db/testing'

/** Shibuya crossing, and Yoyogi Park about 1.4 km north of it (outside an 800 m fence). */
export const shibuya = { lat: 35.6595, lng: 139.7005 }
export const yoyogiPark = { lat: 35.6717, lng: 139.6949 }
export const shibuyaFence: Fence = { ...shibuya, radiusM: 800 }
