import { ref, watch } from 'vue'
import { useI18n } from '../i18n/index.ts'
import { brokenRules, type BrokenRule } from '../validation/field-rules.ts'

/**
 * The errors a form shows beside its fields, by path (`name`, `geofence.lat`): every rule of
 * the contract's schema the input breaks, found in the browser before sending (all at once),
 * or the API's when it refuses anyway. A field's error goes as soon as that field changes.
 */
export function useFieldErrors(fromApi: () => Record<string, string>) {
  const { t } = useI18n()
  const shown = ref<Record<string, string>>({})
  watch(fromApi, (api) => (shown.value = { ...api }), { immediate: true })

  /** True when `input` keeps every rule; otherwise shows each broken one and says false. */
  function check(
    schema: Parameters<typeof brokenRules>[0],
    input: object,
    more: Record<string, BrokenRule | undefined> = {},
  ): boolean {
    const broken = { ...brokenRules(schema, input as Record<string, unknown>) }
    for (const [path, rule] of Object.entries(more)) if (rule) broken[path] ??= rule
    shown.value = Object.fromEntries(
      Object.entries(broken).map(([path, rule]) => [path, t(rule.key, rule.values)]),
    )
    return Object.keys(broken).length === 0
  }

  function clear(...paths: string[]) {
    if (paths.some((path) => path in shown.value)) {
      shown.value = Object.fromEntries(
        Object.entries(shown.value).filter(([path]) => !paths.includes(path)),
      )
    }
  }

  /**
   * What a FormInput for `path` binds (`v-bind="errors.field('name')"`): its error, and a change
   * that clears it, with `alsoClear` (an end date's error goes when the start date changes).
   */
  function field(path: string, ...alsoClear: string[]) {
    return { error: shown.value[path], 'onUpdate:modelValue': () => clear(path, ...alsoClear) }
  }

  return { shown, check, clear, field }
}
