import { defineCustomElement } from 'vue'
import HexadAd from './HexadAd.ce.vue'
import { tagUrlKey } from './tag-url.ts'

/** The <hexad-ad> element class, for a tag loaded from `tagUrl`. */
export function defineHexadAd(tagUrl: string) {
  return defineCustomElement(HexadAd, { configureApp: (app) => app.provide(tagUrlKey, tagUrl) })
}
