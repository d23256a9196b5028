// The fluentd sidecar image can't be built on machines without RubyGems access, so its contract is
// checked here instead: docker/fluentd/fluent.conf against @hexad/contracts/analytics (the file
// names analytics-log writes, the line head, the S3 keys the report job reads) and against the
// fluentd containers of the dev/stg/prd manifests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ANALYTICS_TAGS,
  FILE_GLOB,
  LOCK_FILE,
  S3_PREFIX,
  fileName,
  hourKey,
  lineHead,
  parseS3Key,
} from '@hexad/contracts/analytics'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../workspace.ts'
import {
  envNames,
  expandEnv,
  findSections,
  fluentDurationSeconds,
  parseFluentConf,
} from './fluent-conf.ts'
import { allContainers, envValue, podsOf, volumeAt } from './k8s-pods.ts'
import { OUT_S3_VERSION, outS3Key, unfilledPlaceholders, type OutS3Settings } from './out-s3-key.ts'

const root = repoRoot()
const text = readFileSync(join(root, 'docker/fluentd/fluent.conf'), 'utf8')
const conf = parseFluentConf(text)
const tail = findSections(conf, 'source').find((s) => s.params['@type'] === 'tail')
const s3 = findSections(conf, 'match').find((s) => s.params['@type'] === 's3')
const buffer = s3 && findSections(s3, 'buffer')[0]
// The head every line starts with, in the contract's order: time, tag, pod.
const [timeField, tagField] = Object.keys(lineHead.properties)

const fluentdPods = podsOf(root, ['dev', 'stg', 'prd']).flatMap((pod) =>
  allContainers(pod.spec)
    .filter((c) => /\/hexad\/fluentd:/.test(c.image))
    .map((fluentd) => ({ ...pod, fluentd })),
)

/** fluent.conf's out_s3 settings as the plugin reads them, for the pod `pod`. */
function outS3Settings(
  pod: string,
  keyFormat = s3?.params.s3_object_key_format ?? '',
): OutS3Settings {
  return {
    path: s3?.params.path ?? '',
    keyFormat: expandEnv(keyFormat, { POD_NAME: pod }),
    checkObject: s3?.params.check_object !== 'false',
    chunkKeys: (buffer?.arg ?? '').split(',').map((k) => k.trim()),
  }
}

/** The key out_s3 gives one chunk of `analytics.<tag>` records (gzip: extension `gz`). */
function s3KeyFor(tag: string, timekey: number, pod: string, chunkId: string, keyFormat?: string) {
  const chunk = { id: chunkId, tag: `analytics.${tag}`, timekey, extension: 'gz' }
  return outS3Key(outS3Settings(pod, keyFormat), chunk)
}

/** Minimal glob for fluentd's in_tail paths: `*` is any run of characters but `/`. */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${pattern.join('[^/]*')}$`).test(path)
}

describe('fluent.conf tails what analytics-log writes', () => {
  const env = { ANALYTICS_LOG_DIR: '/var/log/hexad/analytics', POD_NAME: 'console-api-7c9f-x2k4p' }
  const glob = expandEnv(tail?.params.path ?? '', env)
  const folder = `${env.ANALYTICS_LOG_DIR}/${env.POD_NAME}`

  it('matches every analytics file of its own pod', () => {
    expect(glob).toBe(`${folder}/${FILE_GLOB}`)
    const hour = hourKey(Date.UTC(2026, 10, 25, 9, 30))
    for (const tag of ANALYTICS_TAGS) {
      expect(globMatches(glob, `${folder}/${fileName(tag, hour, 0)}`)).toBe(true)
      expect(globMatches(glob, `${folder}/${fileName(tag, hour, 12)}`)).toBe(true)
    }
  })

  it("matches neither the writer's lock file nor other pods' folders", () => {
    expect(globMatches(glob, `${folder}/${LOCK_FILE}`)).toBe(false)
    const other = `${env.ANALYTICS_LOG_DIR}/ad-api-5d8b-q9w2e/${fileName('click', '20261125-09', 0)}`
    expect(globMatches(glob, other)).toBe(false)
  })

  it('polls instead of relying on inotify, follows inodes, reads new files whole', () => {
    expect(tail?.params).toMatchObject({
      enable_stat_watcher: 'false',
      enable_watch_timer: 'true',
      follow_inodes: 'true',
      read_from_head: 'true',
    })
    expect(Number(tail?.params.rotate_wait)).toBeGreaterThanOrEqual(60)
  })

  it('finds a new file within ~2 s (it takes no last look at shutdown)', () => {
    expect(fluentDurationSeconds(tail?.params.refresh_interval ?? '60')).toBeLessThanOrEqual(2)
  })

  it("takes each event's time from the line's own time field", () => {
    const parse = tail && findSections(tail, 'parse')[0]
    expect(parse?.params).toMatchObject({ '@type': 'json', time_type: 'string' })
    expect(parse?.params.time_key).toBe(timeField)
    // Kept in the record: the S3 lines are the file's lines, which the report job parses.
    expect(parse?.params.keep_time_key).toBe('true')
  })

  it("re-tags each record by its own tag field, as analytics-log's tags are spelled", () => {
    const rewrite = findSections(conf, 'match').find(
      (s) => s.params['@type'] === 'rewrite_tag_filter',
    )
    const rule = rewrite && findSections(rewrite, 'rule')[0]
    expect(rule?.params.key).toBe(tagField)
    const pattern = new RegExp((rule?.params.pattern ?? '').replace(/^\/|\/$/g, ''))
    for (const tag of ANALYTICS_TAGS) expect(pattern.test(tag)).toBe(true)
    expect(rule?.params.tag).toBe('analytics.$1')
    // The tail's own tag must not be one the S3 match (analytics.**) or the rule itself re-reads.
    expect(tail?.params.tag).not.toMatch(/^analytics(\.|$)/)
    expect(rewrite?.arg).toBe(tail?.params.tag)
  })
})

describe('fluent.conf uploads to the agreed S3 keys', () => {
  const pod = 'ad-api-7d9f-x2k4p'
  // fluentd's chunk ids are 16 random bytes in hex.
  const chunkA = '5f3a0c9e1b2d4f6a8c7e9d0b1a2c3e4f'
  const chunkB = '0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b'

  it(`uses only placeholders fluentd and out_s3 ${OUT_S3_VERSION} fill (an unknown %{…} is '')`, () => {
    expect(unfilledPlaceholders(outS3Settings(pod))).toEqual([])
    expect(s3?.params.store_as).toBe('gzip')
  })

  it('gives each chunk an object of its own, and a retried chunk the same one', () => {
    const slice = Date.UTC(2026, 10, 25, 9, 5)
    expect(s3KeyFor('impression', slice, pod, chunkA)).not.toBe(
      s3KeyFor('impression', slice, pod, chunkB),
    )
    expect(s3KeyFor('impression', slice, pod, chunkA)).toBe(
      s3KeyFor('impression', slice, pod, chunkA),
    )
  })

  it('would overwrite objects with %{chunk_id}, which out_s3 does not know (the old bug)', () => {
    const old = "%{path}#{ENV['POD_NAME']}-%{chunk_id}.%{file_extension}"
    expect(unfilledPlaceholders(outS3Settings(pod, old))).toEqual(['%{chunk_id}'])
    const slice = Date.UTC(2026, 10, 25, 9, 5)
    expect(s3KeyFor('click', slice, pod, chunkA, old)).toBe(
      s3KeyFor('click', slice, pod, chunkB, old),
    )
  })

  it('names every object as the contract lays keys out, which the report job lists', () => {
    const hourStart = Date.UTC(2026, 10, 25, 9)
    // Every 5-minute slice of the hour lands in the hour's partition.
    for (const minute of [0, 25, 55]) {
      for (const tag of ANALYTICS_TAGS) {
        const key = s3KeyFor(tag, hourStart + minute * 60_000, pod, chunkA)
        expect(parseS3Key(S3_PREFIX, key), key).toEqual({ tag, hourStart, pod, chunkId: chunkA })
      }
    }
  })

  it('buffers in files per tag and UTC slice that divides the hour, and flushes at shutdown', () => {
    expect(buffer?.arg).toBe('tag,time')
    expect(buffer?.params).toMatchObject({
      '@type': 'file',
      timekey_use_utc: 'true',
      flush_at_shutdown: 'true',
    })
    // A slice never spans two hours, so each object belongs to exactly one hour partition.
    const timekey = fluentDurationSeconds(buffer?.params.timekey ?? '')
    expect(3600 % timekey).toBe(0)
    expect(timekey).toBeLessThanOrEqual(600)
  })

  it('takes the bucket and region from the environment', () => {
    expect(s3?.params.s3_bucket).toBe("#{ENV['S3_BUCKET']}")
    expect(s3?.params.s3_region).toBe("#{ENV['AWS_REGION']}")
  })
})

describe('the manifests give fluent.conf what it needs', () => {
  it('has fluentd sidecars to check in dev, stg and prd', () => {
    expect(new Set(fluentdPods.map((p) => p.file.split('/')[1]))).toEqual(
      new Set(['dev', 'stg', 'prd']),
    )
  })

  it.each(fluentdPods.map((p) => [p.file, p] as const))('%s', (_file, pod) => {
    const names = (pod.fluentd.env ?? []).map((e) => e.name)
    expect(names).toEqual(expect.arrayContaining(envNames(text)))

    // Pos file and buffer on an emptyDir of this container, never on the shared volume.
    for (const path of [tail?.params.pos_file ?? '', buffer?.params.path ?? '']) {
      expect(volumeAt(pod.spec, pod.fluentd, path)?.emptyDir, path).toBeDefined()
    }

    // It tails where the app writes: the same root, on the same (EFS) volume.
    const logDir = envValue(pod.fluentd, 'ANALYTICS_LOG_DIR') ?? ''
    const app = pod.spec.containers.find((c) => envValue(c, 'ANALYTICS_LOG_DIR') !== undefined)
    expect(app && envValue(app, 'ANALYTICS_LOG_DIR')).toBe(logDir)
    const shared = volumeAt(pod.spec, pod.fluentd, logDir)
    expect(shared?.persistentVolumeClaim).toBeDefined()
    expect(app && volumeAt(pod.spec, app, logDir)?.name).toBe(shared?.name)
  })
})
