// A set of request ids kept as 64-bit fingerprints in one typed array. Hand-written because
// memory is the budget here: a Set<string> costs ~90 bytes per id, all of it on the GC heap (the
// ids outlive young-generation collections and churn the old generation); this costs 16 bytes
// per id at most, off-heap, and the parsed strings die young. Two distinct ids share a
// fingerprint with probability ~n²/2⁶⁴ (n = 1,000,000: 5·10⁻⁸), the price of not keeping them.

const INITIAL_SLOTS = 1 << 16

// The fingerprint of the last id hashed: two 32-bit FNV-1a variants (different offset bases and
// primes), returned through variables to avoid allocating per record.
let high = 0
let low = 0

function fingerprint(id: string): void {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ id.length
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 15
  }
  high = (a ^ (a >>> 13)) >>> 0
  // Never 0: a slot whose low half is 0 is empty.
  low = ((b ^ (b >>> 16)) | 1) >>> 0
}

export class IdSet {
  private slots = new Uint32Array(INITIAL_SLOTS * 2)
  private mask = INITIAL_SLOTS - 1
  size = 0

  /**
   * Adds `id` unless this set or one of `older` (the earlier hours of the window) holds it: true
   * when it was new. One fingerprint for every look-up.
   */
  addNew(id: string, older: readonly IdSet[] = []): boolean {
    fingerprint(id)
    for (const set of older) if (set.holds(high, low)) return false
    return this.insert(high, low)
  }

  private holds(h: number, l: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const existing = this.slots[i * 2 + 1]
      if (existing === 0) return false
      if (existing === l && this.slots[i * 2] === h) return true
    }
  }

  clear(): void {
    this.slots.fill(0)
    this.size = 0
  }

  private insert(h: number, l: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const existing = this.slots[i * 2 + 1]
      if (existing === 0) {
        this.slots[i * 2] = h
        this.slots[i * 2 + 1] = l
        if (++this.size * 2 > this.mask) this.grow()
        return true
      }
      if (existing === l && this.slots[i * 2] === h) return false
    }
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Uint32Array(old.length * 2)
    this.mask = old.length - 1
    this.size = 0
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] !== 0) this.insert(old[i] as number, old[i + 1] as number)
    }
  }
}
