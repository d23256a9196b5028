// Stops any hexad entry point on the wrong Node with one line saying what to do. hexad's code is
// TypeScript run by Node 24's type stripping: an older Node fails on a .ts entry before any of its
// code runs, so this check is plain CommonJS that every Node can read, run either before the
// entry (`node --require <this> src/server.ts`) or on its own (`node <this> && turbo run dev`).
'use strict'
const { readFileSync } = require('node:fs')
const { join, relative } = require('node:path')

const root = join(__dirname, '..')
const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim()
const major = process.versions.node.split('.')[0]

if (major !== wanted) {
  const hexad = relative(process.cwd(), join(root, 'hexad')) || 'hexad'
  const command = hexad.includes('/') ? hexad : `./${hexad}`
  process.stderr.write(
    `hexad needs Node ${wanted} and this is Node ${process.versions.node}: use ${command}, which ` +
      `gets Node ${wanted} and pnpm into .tools/ and runs any pnpm command with them ` +
      `(e.g. ${command} dev)\n`,
  )
  process.exit(1)
}
