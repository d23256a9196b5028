import { RequestIdSet } from './request-id-set.ts'

export type TrackingTag = 'impression' | 'click'

/**
 * `first`: not recorded here yet. `replay`: recorded already, answer as if now. `forgotten`: the
 * token was issued before what the guard still remembers (it had to forget early to stay in its
 * memory bound): refuse it as expired rather than risk counting it twice.
 */
export type TokenUse = 'first' | 'replay' | 'forgotten'

export interface ReplayGuardOptions {
  /** AD_TOKEN_TTL_SECONDS: how long a token, and so its memory here, lives. */
  ttlSeconds: number
  /** At most this many request ids (impressions and clicks together) are kept. */
  maxEntries: number
  /** Epoch ms; tests move it. */
  now?: () => number
}

const SALT: Record<TrackingTag, number> = { impression: 0, click: 1 }
/** The token lifetime is cut in this many slices; memory is given up a slice at a time. */
const SLICES = 60

/**
 * The impressions and clicks this replica has recorded, by request id, for as long as their token
 * is valid: a token used again is a replay, never a second record or a second step toward a cap.
 * Ids are kept in slices by the token's issue time, so a slice whose tokens have all expired is
 * dropped whole. Memory is bounded by `maxEntries` (24 to 48 bytes an entry): past it the oldest
 * slice is forgotten early, and tokens issued in or before it are refused as expired from then
 * on, so nothing is ever counted twice; the cost is a shorter token lifetime while it lasts.
 */
export class ReplayGuard {
  private readonly ttlSeconds: number
  private readonly maxEntries: number
  private readonly now: () => number
  private readonly sliceSeconds: number
  private readonly slices = new Map<number, RequestIdSet>()
  private entries = 0
  /** Tokens issued in a slice before this one are forgotten. */
  private forgottenBefore = -Infinity
  private forgottenSlices = 0

  constructor(options: ReplayGuardOptions) {
    this.ttlSeconds = options.ttlSeconds
    this.maxEntries = options.maxEntries
    this.now = options.now ?? Date.now
    this.sliceSeconds = Math.max(1, Math.ceil(options.ttlSeconds / SLICES))
  }

  /** What a valid token's use would be; nothing is remembered until `remember`. */
  use(tag: TrackingTag, requestId: string, iat: number): TokenUse {
    const slice = Math.floor(iat / this.sliceSeconds)
    if (slice < this.forgottenBefore) return 'forgotten'
    return this.slices.get(slice)?.has(requestId, SALT[tag]) ? 'replay' : 'first'
  }

  /** The beacon was recorded (its analytics record accepted): later uses are replays. */
  remember(tag: TrackingTag, requestId: string, iat: number): void {
    const key = Math.floor(iat / this.sliceSeconds)
    let slice = this.slices.get(key)
    if (slice === undefined) {
      this.dropExpired()
      slice = new RequestIdSet()
      this.slices.set(key, slice)
    }
    if (!slice.add(requestId, SALT[tag])) return
    if (++this.entries > this.maxEntries) this.forgetOldest()
  }

  /** Request ids kept. */
  get size(): number {
    return this.entries
  }

  get bytes(): number {
    let bytes = 0
    for (const slice of this.slices.values()) bytes += slice.bytes
    return bytes
  }

  /** Slices given up early to stay within maxEntries, since the start. */
  get forgotten(): number {
    return this.forgottenSlices
  }

  /** How old a token may be and still be told from a replay: the TTL, unless memory ran out. */
  get windowSeconds(): number {
    const since = this.now() / 1000 - this.forgottenBefore * this.sliceSeconds
    return Math.max(0, Math.min(this.ttlSeconds, since))
  }

  private dropExpired(): void {
    const nowSeconds = this.now() / 1000
    for (const [key, slice] of this.slices) {
      // The slice's last token was issued at (key + 1) * sliceSeconds - 1 and is now expired.
      if ((key + 1) * this.sliceSeconds + this.ttlSeconds <= nowSeconds) this.drop(key, slice)
    }
  }

  private forgetOldest(): void {
    while (this.entries > this.maxEntries) {
      const oldest = Math.min(...this.slices.keys())
      this.drop(oldest, this.slices.get(oldest)!)
      this.forgottenBefore = Math.max(this.forgottenBefore, oldest + 1)
      this.forgottenSlices++
    }
  }

  private drop(key: number, slice: RequestIdSet): void {
    this.slices.delete(key)
    this.entries -= slice.size
  }
}
