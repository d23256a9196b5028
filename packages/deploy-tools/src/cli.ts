// `pnpm k8s <command>`: the manifest toolchain. Each command lives in its own module; this file
// only parses arguments, prints, and sets the exit code.
import { parseArgs } from 'node:util'
import { findAddon } from './addons.ts'
import { changelog } from './changelog.ts'
import { formatFindings, lint, RULES } from './lint/index.ts'
import { findPlaceholders, formatPlaceholders } from './placeholders.ts'
import { ENVIRONMENTS } from './plan.ts'
import { render } from './render.ts'
import { renderAddon } from './render-addon.ts'
import { ROUTER_FILE, writeRouter } from './router.ts'
import { k8sRoot, repoRoot } from './repo.ts'
import { setImage } from './set-image.ts'

const USAGE = `usage: pnpm k8s <command>
  lint [--env dev|stg|prd] [--rules]   parse, validate against the Kubernetes schema, check policy and drift
  set-image --env X --app Y --tag T    change one app's image tag in k8s/<env>/, keeping the file as it is
  render --env X                       decrypt *.enc.yaml with kubesec (KUBESEC_BIN) and print all manifests
  changelog --env X --from A --to B    per app, the commits between two tags, as Markdown
  render-addon NAME [--from DIR]       re-render a k8s/cluster add-on with helm or kubectl kustomize
  router                               write k8s/local/router.yaml's nginx config from the plan's routes
  placeholders                         list the stand-in values left in k8s/ and infra/config/ (exit 1 if any)
`

const out = (text: string) => process.stdout.write(text)

function need(values: Record<string, string | boolean | undefined>, ...names: string[]): string[] {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '')
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((n) => `--${n}`).join(', ')}`)
  return names.map((n) => values[n] as string)
}

function checkEnv(env: string | undefined): void {
  if (env !== undefined && !(ENVIRONMENTS as readonly string[]).includes(env))
    throw new UsageError(`unknown environment ${env} (expected ${ENVIRONMENTS.join(', ')})`)
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      app: { type: 'string' },
      tag: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      rules: { type: 'boolean' },
    },
  })
  checkEnv(values.env)
  switch (command) {
    case 'lint': {
      if (values.rules) {
        out(RULES.map((r) => `${r.id.padEnd(18)} ${r.description}\n`).join(''))
        return 0
      }
      const findings = await lint(k8sRoot(), values.env)
      out(formatFindings(findings))
      out(
        findings.length === 0
          ? 'k8s lint: no problems\n'
          : `k8s lint: ${findings.length} problem(s)\n`,
      )
      return findings.length === 0 ? 0 : 1
    }
    case 'set-image': {
      const [env, app, tag] = need(values, 'env', 'app', 'tag')
      for (const change of setImage(k8sRoot(), env!, app!, tag!))
        out(`${change.file}: ${change.from} -> ${change.to}\n`)
      return 0
    }
    case 'render': {
      const [env] = need(values, 'env')
      out(render(k8sRoot(), env!))
      return 0
    }
    case 'changelog': {
      const [env, from, to] = need(values, 'env', 'from', 'to')
      out(changelog(repoRoot(), env!, from!, to!))
      return 0
    }
    case 'render-addon': {
      const [name] = positionals
      if (!name) throw new UsageError('render-addon needs the add-on: botkube, datadog, …')
      const from = typeof values.from === 'string' ? values.from : undefined
      out(`wrote ${renderAddon(k8sRoot(), findAddon(name), { from })}\n`)
      return 0
    }
    case 'placeholders': {
      const hits = findPlaceholders(repoRoot())
      out(formatPlaceholders(hits))
      return hits.length === 0 ? 0 : 1
    }
    case 'router': {
      out(
        writeRouter(k8sRoot())
          ? `wrote k8s/${ROUTER_FILE}\n`
          : `k8s/${ROUTER_FILE} is up to date\n`,
      )
      return 0
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command')
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    process.exitCode = 2
  } else {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exitCode = 1
  }
}
