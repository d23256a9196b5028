import { computed, ref, watch } from 'vue'
import { useI18n } from '../i18n/index.ts'
import { brokenRules } from '../validation/field-rules.ts'
import { ruleMessage, type FieldRule } from '../validation/rule-messages.ts'

/**
 * The errors a form shows beside its fields, by path (`name`, `geofence.lat`): every rule of
 * the contract's schema the input breaks, found in the browser before sending (all at once),
 * or the API's when it refuses anyway, both in the reader's language through one mapping
 * (rule-messages.ts). A field's error goes as soon as that field changes.
 */
export function useFieldErrors(fromApi: () => Record<string, FieldRule>) {
  const { t } = useI18n()
  const broken = ref<Record<string, FieldRule>>({})
  watch(fromApi, (api) => (broken.value = { ...api }), { immediate: true })
  // Said when read: switching the language re-says the errors on screen.
  const shown = computed<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(broken.value).map(([path, rule]) => {
        const { key, values } = ruleMessage(rule)
        return [path, t(key, values)]
      }),
    ),
  )

  /** True when `input` keeps every rule; otherwise shows each broken one and says false. */
  function check(
    schema: Parameters<typeof brokenRules>[0],
    input: object,
    more: Record<string, FieldRule | undefined> = {},
  ): boolean {
    const found = { ...brokenRules(schema, input as Record<string, unknown>) }
    for (const [path, rule] of Object.entries(more)) if (rule) found[path] ??= rule
    broken.value = found
    return Object.keys(found).length === 0
  }

  function clear(...paths: string[]) {
    if (paths.some((path) => path in broken.value)) {
      broken.value = Object.fromEntries(
        Object.entries(broken.value).filter(([path]) => !paths.includes(path)),
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
