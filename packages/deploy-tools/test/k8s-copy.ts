import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { k8sRoot } from '../src/repo.ts'

/** A scratch copy of the repository's k8s/ folder, so a test can break it without harm. */
export function copyK8s(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hexad-k8s-')), 'k8s')
  cpSync(k8sRoot(), dir, { recursive: true })
  return dir
}
