import * as iam from 'aws-cdk-lib/aws-iam'
import type * as s3 from 'aws-cdk-lib/aws-s3'

/** The keys under a prefix, as an IAM resource. */
export function objectsUnder(bucket: s3.IBucket, prefix: string): string {
  return bucket.arnForObjects(`${prefix}*`)
}

/** Listing a bucket, but only the keys under one prefix. */
export function prefixListing(
  bucket: s3.IBucket,
  prefix: string,
  sid?: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
  })
}

/**
 * Object actions on the migration prefix, per party:
 * - Aurora's SELECT INTO OUTFILE S3 and LOAD DATA FROM S3, as the Aurora user guide lists them
 *   ("Creating an IAM policy to access Amazon S3 resources");
 * - migrate-data's stream mode: GetObject to load, PutObject and AbortMultipartUpload for
 *   @aws-sdk/lib-storage's multipart uploads.
 */
export function migrationObjectActions(party: 'aurora-export' | 'aurora-import' | 'job'): string[] {
  switch (party) {
    case 'aurora-export':
      return [
        's3:PutObject',
        's3:GetObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
        's3:DeleteObject',
      ]
    case 'aurora-import':
      return ['s3:GetObject', 's3:GetObjectVersion']
    case 'job':
      return ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload']
  }
}
