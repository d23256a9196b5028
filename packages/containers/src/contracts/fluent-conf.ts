// A reader for fluentd's configuration syntax, enough for tests to check what fluent.conf says:
// `<section arg>` … `</section>` blocks and `key value` lines, `#` comments. Hand-written because
// no maintained JavaScript parser for this format exists; it doesn't evaluate embedded Ruby.

export interface FluentSection {
  name: string
  arg: string
  params: Record<string, string>
  sections: FluentSection[]
}

export function parseFluentConf(text: string): FluentSection {
  const root: FluentSection = { name: 'root', arg: '', params: {}, sections: [] }
  const stack = [root]
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    if (!line) continue
    const current = stack.at(-1) as FluentSection
    const close = /^<\/(\S+)>$/.exec(line)
    const open = /^<(\S+?)(?:\s+(.*))?>$/.exec(line)
    if (close) {
      if (close[1] !== current.name) throw new Error(`</${close[1]}> closes <${current.name}>`)
      stack.pop()
    } else if (open?.[1]) {
      const section = { name: open[1], arg: open[2] ?? '', params: {}, sections: [] }
      current.sections.push(section)
      stack.push(section)
    } else {
      const [key = '', ...value] = line.split(/\s+/)
      current.params[key] = unquote(value.join(' '))
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is never closed`)
  return root
}

function unquote(value: string): string {
  return /^".*"$/.test(value) ? value.slice(1, -1) : value
}

/** Sections named `name` at any depth. */
export function findSections(section: FluentSection, name: string): FluentSection[] {
  return section.sections.flatMap((s) => [
    ...(s.name === name ? [s] : []),
    ...findSections(s, name),
  ])
}

/** Environment variables read through `"#{ENV['NAME']}"` anywhere in the text. */
export function envNames(text: string): string[] {
  return [...new Set([...text.matchAll(/ENV\['([A-Z0-9_]+)'\]/g)].map((m) => m[1] as string))]
}

/** Replaces `#{ENV['NAME']}` with values from `env`. */
export function expandEnv(value: string, env: Record<string, string>): string {
  return value.replace(/#\{ENV\['([A-Z0-9_]+)'\]\}/g, (_, name: string) => env[name] ?? '')
}

/** A fluentd `time` parameter (`10`, `1.5s`, `5m`, `1h`, `1d`) in seconds. */
export function fluentDurationSeconds(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(value.trim())
  if (!m) throw new Error(`not a fluentd duration: ${JSON.stringify(value)}`)
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
  return Number(m[1]) * unit
}
