import { CampaignIndex, type IndexedCampaign } from './campaign-index.ts'

/** `300x250`: a creative's declared size, as a slot asks for it. */
const sizeKey = (width: number, height: number) => `${width}x${height}`

/**
 * One index per creative size, each holding the campaigns with creatives of that size (and only
 * those creatives), and one over everything for a slot that names no size. Built once per
 * refresh, so a request reads the index of its size and never filters creatives.
 */
export class SizedIndexes {
  readonly any: CampaignIndex
  readonly #bySize = new Map<string, CampaignIndex>()
  static readonly #empty = new CampaignIndex([])

  constructor(campaigns: IndexedCampaign[]) {
    this.any = new CampaignIndex(campaigns)
    const bySize = new Map<string, IndexedCampaign[]>()
    for (const campaign of campaigns) {
      const sizes = new Map<string, IndexedCampaign['creatives']>()
      for (const creative of campaign.creatives) {
        const key = sizeKey(creative.width, creative.height)
        const list = sizes.get(key)
        if (list) list.push(creative)
        else sizes.set(key, [creative])
      }
      for (const [key, creatives] of sizes) {
        const list = bySize.get(key)
        if (list) list.push({ ...campaign, creatives })
        else bySize.set(key, [{ ...campaign, creatives }])
      }
    }
    for (const [key, list] of bySize) this.#bySize.set(key, new CampaignIndex(list))
  }

  /** The index for a slot of `size` (`300x250`), or for any size. */
  of(size: string | undefined): CampaignIndex {
    return size === undefined ? this.any : (this.#bySize.get(size) ?? SizedIndexes.#empty)
  }

  get size(): number {
    return this.any.size
  }
}
