import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as s3 from 'aws-cdk-lib/aws-s3'
import { acknowledge } from '../nag.ts'
import type { Construct } from 'constructs'

export interface SecureBucketProps {
  bucketName?: string
  /** Where S3 writes this bucket's server access logs (under `<bucket name>/`). */
  accessLogs: s3.IBucket
  lifecycleRules?: s3.LifecycleRule[]
}

/**
 * Every bucket of hexad: encrypted at rest (S3-managed keys, which Aurora, fluentd and the jobs
 * read without KMS permissions), all public access blocked, objects owned by the bucket, TLS
 * only, versioned, access logged, kept when its stack is deleted (the data outlives the stack).
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id, {
      bucketName: props.bucketName,
      ...SECURE_DEFAULTS,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.bucketName ? `${props.bucketName}/` : `${id}/`,
      lifecycleRules: [...ABORT_UPLOADS, ...(props.lifecycleRules ?? [])],
    })
  }
}

/**
 * The target of a stack's S3 server access logs and ALB access logs. It cannot log to itself;
 * S3-managed encryption is what ALB log delivery accepts.
 */
export class AccessLogBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: { expireAfterDays: number }) {
    super(scope, id, {
      ...SECURE_DEFAULTS,
      lifecycleRules: [
        ...ABORT_UPLOADS,
        { id: 'expire-logs', expiration: Duration.days(props.expireAfterDays) },
      ],
    })
    acknowledge(this, {
      id: 'AwsSolutions-S1',
      reason: 'This is the access log bucket; logging it into itself would loop.',
    })
  }
}

const SECURE_DEFAULTS = {
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps

// Parts of uploads that never completed are invisible and billed; drop them after a day.
const ABORT_UPLOADS: s3.LifecycleRule[] = [
  { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
]
