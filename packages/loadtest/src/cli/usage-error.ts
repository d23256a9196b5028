/** Bad flags or environment: printed as one message with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
