import type { Template } from 'aws-cdk-lib/assertions'
import { Validations } from 'aws-cdk-lib'
import { describe, expect, it } from 'vitest'
import { AwsSolutionsChecks } from './nag.ts'
import { existingClusterConfig } from './testing/existing-cluster.ts'
import { committedConfig, synthesized } from './testing/synthesized.ts'

type Resource = { Type: string; Properties: Record<string, unknown> }
interface Statement {
  Effect: string
  Action?: string | string[]
  Resource?: unknown
}

const CONFIGURATIONS = {
  'creating the VPC and cluster': committedConfig,
  'on an existing VPC and cluster': existingClusterConfig,
}

/**
 * Every policy document of a template's IAM resources. (A KMS key policy's Resource "*" means the
 * key itself, and CDK's default key policy gives the account root kms:* on it, as AWS advises:
 * that is what lets IAM policies grant the key at all. Those are not searched.)
 */
function statements(template: Template): Statement[] {
  const found: Statement[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    if (Array.isArray(record.Statement) && 'Version' in record)
      found.push(...(record.Statement as Statement[]))
    Object.values(record).forEach(visit)
  }
  const resources = Object.values(template.toJSON().Resources as Record<string, Resource>)
  visit(resources.filter((r) => r.Type.startsWith('AWS::IAM::')))
  return found
}

describe.each(Object.entries(CONFIGURATIONS))('every stack, %s', (_, config) => {
  const app = () => synthesized(config())

  it('encrypts every bucket, blocks its public access and refuses plain HTTP', () => {
    for (const [stack, template] of Object.entries(app().templates)) {
      const buckets = template.findResources('AWS::S3::Bucket') as Record<string, Resource>
      const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[]
      for (const [id, bucket] of Object.entries(buckets)) {
        const where = `${stack}/${id}`
        expect(bucket.Properties.BucketEncryption, where).toMatchObject({
          ServerSideEncryptionConfiguration: [
            expect.objectContaining({ ServerSideEncryptionByDefault: expect.anything() }),
          ],
        })
        expect(bucket.Properties.PublicAccessBlockConfiguration, where).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        })
        const policy = policies.find(
          (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
        )
        expect(JSON.stringify(policy?.Properties.PolicyDocument), where).toContain(
          '"aws:SecureTransport":"false"',
        )
      }
    }
  })

  it('allows no "*" action on "*" resources in any policy', () => {
    for (const [stack, template] of Object.entries(app().templates)) {
      for (const statement of statements(template).filter((s) => s.Effect === 'Allow')) {
        const actions = [statement.Action ?? []].flat()
        const where = `${stack}: ${JSON.stringify(statement)}`
        const everyAction = actions.some((action) => action === '*' || action.endsWith(':*'))
        expect(everyAction && [statement.Resource].flat().includes('*'), where).toBe(false)
        expect(actions.includes('*'), where).toBe(false)
      }
    }
  })

  it("passes cdk-nag's AWS Solutions checks, every acknowledged finding with its reason", () => {
    const { hexad } = app()
    const report = new AwsSolutionsChecks().validateScope(hexad.app)
    expect(
      report.violations.map(
        (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([])
    const acknowledged = hexad.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    expect(acknowledged.length).toBeGreaterThan(0)
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(30)
  })
})
