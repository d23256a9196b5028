// A Node service's `pnpm dev`: runs the entry with Node's watch mode on the sources of the
// service's package and of every workspace package it uses (watch.ts), never on node_modules.
//   node --require ../../scripts/check-node.cjs ../../scripts/dev-service.ts src/server.ts
import { spawn } from 'node:child_process'
import { watchFlags } from './watch.ts'
import { workspaceFolders } from './workspace.ts'

const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: dev-service.ts <entry> [args…] (from the service package folder)')
  process.exit(2)
}

const folders = workspaceFolders(process.cwd(), ['--filter', '{.}...'])
const child = spawn(process.execPath, [...watchFlags(folders), entry, ...args], {
  stdio: 'inherit',
})
// turbo stops its tasks with a signal: pass it on and leave with the service.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
