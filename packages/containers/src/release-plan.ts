import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// What the pipeline does for each image when an environment branch moves: build it, promote the
// image already built for the environment before (same digest, new tag: "build once"), or leave
// it alone because nothing that goes into it changed since the tag that is deployed.

export const ENVIRONMENTS = ['dev', 'stg', 'prd'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** Where each environment's images come from when the code is the same: dev → stg → prd. */
const PROMOTED_FROM: Partial<Record<Environment, Environment>> = { stg: 'dev', prd: 'stg' }

export type Step =
  | { app: string; action: 'build' }
  | { app: string; action: 'retag'; from: string }
  | { app: string; action: 'skip'; reason: string }

export interface PlannedApp {
  name: string
  /** Paths (relative to the root) whose changes change this image. */
  inputs: string[]
}

/** The tag of `hexad/<app>` in `k8s/<env>/`, as deployed (first occurrence). */
export function deployedTag(root: string, env: string, app: string): string | undefined {
  const dir = join(root, 'k8s', env)
  const pattern = new RegExp(`/hexad/${app.replace(/[.-]/g, '\\$&')}:([\\w.-]+)`)
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const match = pattern.exec(readFileSync(join(dir, file), 'utf8'))
    if (match?.[1]) return match[1]
  }
  return undefined
}

/** The commit a CI tag was built from: `dev-1a2b3c4` → `1a2b3c4`. */
export function commitOfTag(tag: string): string | undefined {
  return /^(?:dev|stg|prd)-([0-9a-f]{7,40})$/.exec(tag)?.[1]
}

/** True when `commit` exists and none of `paths` differ between it and `head`. */
export function sameInputs(root: string, commit: string, head: string, paths: string[]): boolean {
  const git = (args: string[]) =>
    spawnSync('git', ['-C', root, ...args], { stdio: 'ignore' }).status
  if (git(['cat-file', '-e', `${commit}^{commit}`]) !== 0) return false
  return git(['diff', '--quiet', commit, head, '--', ...paths]) === 0
}

export function releasePlan(
  root: string,
  env: Environment,
  head: string,
  apps: readonly PlannedApp[],
): Step[] {
  return apps.map((app): Step => {
    const deployed = deployedTag(root, env, app.name)
    const deployedCommit = deployed && commitOfTag(deployed)
    if (deployedCommit && sameInputs(root, deployedCommit, head, app.inputs)) {
      return { app: app.name, action: 'skip', reason: `unchanged since ${deployed}` }
    }
    const source = PROMOTED_FROM[env]
    const candidate = source && deployedTag(root, source, app.name)
    const candidateCommit = candidate && commitOfTag(candidate)
    if (candidate && candidateCommit && sameInputs(root, candidateCommit, head, app.inputs)) {
      return { app: app.name, action: 'retag', from: candidate }
    }
    return { app: app.name, action: 'build' }
  })
}

/**
 * The oldest commit deployed in `env` among the apps that change: where the changelog of the
 * pull request starts (it lists, per app, only the commits touching that app).
 */
export function changelogBase(
  root: string,
  env: Environment,
  steps: readonly Step[],
): string | undefined {
  const commits = steps
    .filter((s) => s.action !== 'skip')
    .map((s) => commitOfTag(deployedTag(root, env, s.app) ?? ''))
    .filter((c): c is string => c !== undefined)
  const known = commits.filter(
    (c) => spawnSync('git', ['-C', root, 'cat-file', '-e', `${c}^{commit}`]).status === 0,
  )
  // The first in history order is the one every other known commit descends from (or follows).
  const ordered = known.sort((a, b) =>
    isAncestor(root, a, b) ? -1 : isAncestor(root, b, a) ? 1 : 0,
  )
  return ordered[0]
}

function isAncestor(root: string, a: string, b: string): boolean {
  return spawnSync('git', ['-C', root, 'merge-base', '--is-ancestor', a, b]).status === 0
}
