import { requireApp } from '@hexad/deploy-tools/plan'
import { describe, expect, it } from 'vitest'
import { localApps, minikubeLoadCommands, minikubeRef } from './minikube.ts'
import { repoRoot } from './workspace.ts'

describe('loading images into minikube', () => {
  it('builds the images k8s/local/ runs, under the names its manifests use', () => {
    expect(localApps(repoRoot()).map((app) => app.name)).toEqual([
      'console',
      'console-api',
      'ad-tag',
      'ad-api',
    ])
    expect(minikubeRef('hexad/', requireApp('console'), 'local')).toBe(
      'docker.io/hexad/console:local',
    )
  })

  it('saves from any engine to a tar file that minikube loads', () => {
    const ref = 'docker.io/hexad/console:local'
    expect(minikubeLoadCommands('podman', ref, '/tmp/c.tar')).toEqual([
      ['podman', 'save', '--output', '/tmp/c.tar', ref],
      ['minikube', 'image', 'load', '/tmp/c.tar'],
    ])
    expect(minikubeLoadCommands('buildah', ref, '/tmp/c.tar')[0]).toEqual([
      'buildah',
      'push',
      ref,
      `docker-archive:/tmp/c.tar:${ref}`,
    ])
  })
})
