import { spawnSync } from 'node:child_process'
import { parseImage } from '@hexad/deploy-tools/image'
import { commitOfTag, PROMOTED_FROM, type Environment } from '@hexad/deploy-tools/plan'
import { runsRepository } from '@hexad/deploy-tools/pods'
import { allContainers, podsOf } from './contracts/k8s-pods.ts'

// What the pipeline does for each image when an environment branch moves: build it, promote the
// image already built for the environment before (same digest, new tag: "build once"), or leave
// it alone because nothing that goes into it changed since the tag that is deployed.

export type Step =
  | { app: string; action: 'build' }
  | { app: string; action: 'retag'; from: string }
  | { app: string; action: 'skip'; reason: string }

export interface PlannedApp {
  name: string
  /** ECR repository (without registry), as in the plan. */
  repository: string
  /** Paths (relative to the root) whose changes change this image. */
  inputs: string[]
}

/** The tag of the `repository` image the pods of `k8s/<env>/` run (the first container's). */
export function deployedTag(root: string, env: string, repository: string): string | undefined {
  const image = podsOf(root, [env])
    .flatMap((pod) => allContainers(pod.spec))
    .find((c) => runsRepository(c, repository))?.image
  return image === undefined ? undefined : parseImage(image).tag
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
    const deployed = deployedTag(root, env, app.repository)
    const deployedCommit = deployed && commitOfTag(deployed)
    if (deployedCommit && sameInputs(root, deployedCommit, head, app.inputs)) {
      return { app: app.name, action: 'skip', reason: `unchanged since ${deployed}` }
    }
    const source = PROMOTED_FROM[env]
    const candidate = source && deployedTag(root, source, app.repository)
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
  apps: readonly PlannedApp[],
  steps: readonly Step[],
): string | undefined {
  const changed = new Set(steps.filter((s) => s.action !== 'skip').map((s) => s.app))
  const commits = apps
    .filter((app) => changed.has(app.name))
    .map((app) => commitOfTag(deployedTag(root, env, app.repository) ?? ''))
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
