import { describe, expect, it } from 'vitest'
import { parseMysqlUrl } from './connect.ts'
import { productionNameReason } from './guard.ts'

const source = parseMysqlUrl('SOURCE_DATABASE_URL', 'mysql://u:p@prd-aurora.example:3306/hexad')
const target = (url: string) =>
  productionNameReason(source, parseMysqlUrl('TARGET_DATABASE_URL', url))

describe('productionNameReason', () => {
  it.each([
    'mysql://u:p@db.example/hexad_prd',
    'mysql://u:p@db.example/hexad-production',
    'mysql://u:p@hexad-prd.cluster-x.ap-northeast-1.rds.amazonaws.com/hexad',
    'mysql://u:p@prod.db.example/hexad',
    'mysql://u:p@prd-aurora.example:3306/hexad',
  ])('refuses %s', (url) => {
    expect(target(url)).toBeDefined()
  })

  it.each(['mysql://u:p@stg-aurora.example/hexad', 'mysql://u:p@db.example/products'])(
    'accepts %s',
    (url) => {
      expect(target(url)).toBeUndefined()
    },
  )
})
