// `pnpm job <name> [args]` from the repository root: runs one job's CLI in this process, exactly
// as its container entry point (src/<name>/cli.ts) would.
import { UsageError, runCli } from './shared/cli.ts'

const jobs = {
  'aggregate-reports': () => import('./aggregate-reports/cli.ts'),
  'migrate-data': () => import('./migrate-data/cli.ts'),
  'ship-orphans': () => import('./ship-orphans/cli.ts'),
}

const [name = '', ...args] = process.argv.slice(2)
await runCli(name || 'job', async () => {
  if (!Object.hasOwn(jobs, name)) {
    throw new UsageError(`usage: pnpm job <${Object.keys(jobs).join('|')}> [args] (got "${name}")`)
  }
  const { main } = await jobs[name as keyof typeof jobs]()
  await main(args)
})
