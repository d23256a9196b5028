/**
 * A set of request ids (lower-case UUIDs, as `randomUUID` makes them and verifyToken checks
 * them) in 12 bytes a slot: 96 of the id's random bits, no strings kept. A `Set<string>` of the
 * same ids takes about 100 bytes an entry; at a few thousand impressions a second for an hour
 * that is the difference between a pod that fits and one that does not. Two ids differing only
 * in the bits left out would be taken for one (a chance of 2^-96 per pair): nothing else is
 * approximate. Open addressing with linear probing, grown to twice the size at half full, so an
 * entry costs 24 to 48 bytes.
 */
export class RequestIdSet {
  private slots = new Uint32Array(3 * 256)
  private mask = 255
  private count = 0
  /** The all-zero key marks an empty slot: the id that maps to it is kept aside. */
  private hasZero = false
  // The key of the id being looked at, parsed once per call without allocating.
  private a = 0
  private b = 0
  private c = 0

  get size(): number {
    return this.count
  }

  /** `salt` tells apart the same id in two uses (an impression and a click of one token). */
  has(requestId: string, salt = 0): boolean {
    this.parse(requestId, salt)
    if (this.a === 0 && this.b === 0 && this.c === 0) return this.hasZero
    return this.slotOf() >= 0
  }

  /** Adds the id; false if it was there already. */
  add(requestId: string, salt = 0): boolean {
    this.parse(requestId, salt)
    if (this.a === 0 && this.b === 0 && this.c === 0) {
      if (this.hasZero) return false
      this.hasZero = true
      this.count++
      return true
    }
    const found = this.slotOf()
    if (found >= 0) return false
    this.put(-found - 1)
    if (++this.count > (this.mask + 1) / 2) this.grow()
    return true
  }

  // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: every hex digit but the version and the variant is
  // random; three 32-bit words are taken from the random ones.
  private parse(id: string, salt: number): void {
    this.a = (hex(id, 0, 8) ^ salt) >>> 0
    this.b = (hex(id, 9, 13) * 0x10000 + hex(id, 24, 28)) >>> 0
    this.c = hex(id, 28, 36) >>> 0
  }

  /** The slot holding the current key, or -(the free slot it would go to) - 1. */
  private slotOf(): number {
    const slots = this.slots
    for (let i = this.c & this.mask; ; i = (i + 1) & this.mask) {
      const at = 3 * i
      const a = slots[at]!
      const b = slots[at + 1]!
      const c = slots[at + 2]!
      if (a === 0 && b === 0 && c === 0) return -i - 1
      if (a === this.a && b === this.b && c === this.c) return i
    }
  }

  private put(slot: number): void {
    this.slots[3 * slot] = this.a
    this.slots[3 * slot + 1] = this.b
    this.slots[3 * slot + 2] = this.c
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Uint32Array(old.length * 2)
    this.mask = this.mask * 2 + 1
    for (let at = 0; at < old.length; at += 3) {
      this.a = old[at]!
      this.b = old[at + 1]!
      this.c = old[at + 2]!
      if (this.a !== 0 || this.b !== 0 || this.c !== 0) this.put(-this.slotOf() - 1)
    }
  }

  /** Bytes of memory held: what the replay guard's bound is about. */
  get bytes(): number {
    return this.slots.byteLength
  }
}

/** The lower-case hex digits of `id` from `from` to `to` as a number (no substring made). */
function hex(id: string, from: number, to: number): number {
  let value = 0
  for (let i = from; i < to; i++) {
    const code = id.charCodeAt(i)
    value = value * 16 + (code <= 57 ? code - 48 : code - 87) // '0'-'9', 'a'-'f'
  }
  return value
}
