import { describe, expect, it } from 'vitest'
import { initialChunks } from './initial-chunks.ts'

describe('initialChunks', () => {
  it('follows static imports from the entry and leaves lazy chunks out', () => {
    const manifest = {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_vendor.js'],
        dynamicImports: ['src/pages/ReportsPage.vue'],
      },
      '_vendor.js': { file: 'assets/vendor.js', imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared.js' },
      'src/pages/ReportsPage.vue': { file: 'assets/ReportsPage.js', imports: ['_chart.js'] },
      '_chart.js': { file: 'assets/chart.js' },
    }
    expect(initialChunks(manifest).sort()).toEqual([
      'assets/index.js',
      'assets/shared.js',
      'assets/vendor.js',
    ])
  })
})
