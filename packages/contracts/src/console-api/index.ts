// console-api ↔ console: what each route accepts and answers. console-api validates with these
// schemas (and its OpenAPI at /docs comes from them); the console imports the types only.
export * from './auth.ts'
export * from './campaigns.ts'
export * from './common.ts'
export * from './creatives.ts'
export * from './errors.ts'
export * from './reports.ts'
export * from './request-schemas.ts'
