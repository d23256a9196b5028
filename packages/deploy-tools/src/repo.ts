import { join } from 'node:path'
import { repoRoot } from '@hexad/repo-root'

export { repoRoot }

export function k8sRoot(): string {
  return join(repoRoot(), 'k8s')
}
