import type { InjectionKey } from 'vue'

/** The URL hexad-tag.js was loaded from: /config.js and the fallback API origin derive from it. */
export const tagUrlKey: InjectionKey<string> = Symbol('hexad-tag-url')
