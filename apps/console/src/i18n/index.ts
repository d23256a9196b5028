import { computed, ref } from 'vue'
import { en, type MessageKey } from './en.ts'
import { ja } from './ja.ts'

export type Locale = 'en' | 'ja'
export type { MessageKey }

export const locales: Record<Locale, string> = { en: 'English', ja: '日本語' }
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ja }
const STORAGE_KEY = 'hexad.locale'

/** The person's earlier choice, else the browser's first language we speak, else English. */
export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'en' || stored === 'ja') return stored
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0]
    if (primary === 'ja' || primary === 'en') return primary
  }
  return 'en'
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled (privacy mode): fall back to the browser's languages
  }
}

// One locale for the whole app, like the browser's own language setting.
const locale = ref<Locale>(detectLocale(readStored(), navigator.languages ?? []))
document.documentElement.lang = locale.value

export function setLocale(next: Locale): void {
  locale.value = next
  document.documentElement.lang = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // the choice just won't survive a reload
  }
}

export function translate(
  current: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogs[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** What `useI18n().t` is: a message in the reader's language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function useI18n() {
  const numberFormat = computed(() => new Intl.NumberFormat(locale.value))
  const percentFormat = computed(
    () => new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 2 }),
  )
  // The reader's own clock and zone, named: report days are the advertiser's, so the zone is
  // worth saying.
  const dateTimeFormat = computed(
    () =>
      new Intl.DateTimeFormat(locale.value, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
  )
  const t: Translate = (key, params) => translate(locale.value, key, params)
  return {
    locale: computed(() => locale.value),
    setLocale,
    t,
    formatNumber: (value: number) => numberFormat.value.format(value),
    formatPercent: (ratio: number) => percentFormat.value.format(ratio),
    formatDateTime: (iso: string) => dateTimeFormat.value.format(new Date(iso)),
    /** "As of …" for a report's `asOf`, or that nothing is counted yet (null). */
    asOf: (iso: string | null) =>
      iso
        ? translate(locale.value, 'reports.asOf', {
            time: dateTimeFormat.value.format(new Date(iso)),
          })
        : translate(locale.value, 'reports.notCounted'),
  }
}
