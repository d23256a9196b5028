// The analytics boundary: what the writer (@hexad/analytics-log), fluentd (docker/fluentd) and
// the report job (@hexad/jobs) agree on. See the README of @hexad/analytics-log for the promises
// behind the names (order, tails, lateness).
export * from './file-names.ts'
export * from './lines.ts'
export * from './records.ts'
export * from './s3-keys.ts'
