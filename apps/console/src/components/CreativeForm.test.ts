import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { creative } from '../testing/fixtures.ts'
import CreativeForm from './CreativeForm.vue'

const props = { creative: null, saving: false, error: null, fieldErrors: {} }

describe('CreativeForm', () => {
  it('previews the ad live while it is typed, at its own size', async () => {
    const wrapper = mount(CreativeForm, { props })
    await wrapper.find('input[name=title]').setValue('Latte at the crossing')
    await wrapper.find('textarea[name=body]').setValue('Show this ad for ¥100 off.')
    await wrapper.find('input[name=width]').setValue('320')
    await wrapper.find('input[name=height]').setValue('100')

    const preview = wrapper.find('.ad-preview')
    expect(preview.text()).toContain('Latte at the crossing')
    expect(preview.text()).toContain('Show this ad for ¥100 off.')
    expect(preview.attributes('style')).toContain('width: 320px')
    expect(preview.find('img').exists()).toBe(false)

    await wrapper.find('input[name=imageUrl]').setValue('https://cdn.example.com/latte.png')
    expect(preview.find('img').attributes('src')).toBe('https://cdn.example.com/latte.png')
  })

  it('says when the image cannot load, and tries again for another address', async () => {
    const wrapper = mount(CreativeForm, { props })
    await wrapper.find('input[name=imageUrl]').setValue('https://cdn.example.com/typo.png')
    await wrapper.find('.ad-preview img').trigger('error')
    const preview = wrapper.find('.ad-preview')
    expect(preview.find('img').exists()).toBe(false)
    expect(preview.find('[role=status]').text()).toBe(
      'The image could not be loaded from this address: check it.',
    )

    await wrapper.find('input[name=imageUrl]').setValue('https://cdn.example.com/latte.png')
    expect(preview.find('[role=status]').exists()).toBe(false)
    expect(preview.find('img').attributes('src')).toBe('https://cdn.example.com/latte.png')
  })

  it('submits what it previews, an empty image URL as null', async () => {
    const wrapper = mount(CreativeForm, { props: { ...props, creative: creative() } })
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      {
        title: 'Shibuya coffee break',
        body: 'Two minutes from the crossing.',
        imageUrl: null,
        width: 300,
        height: 250,
        cta: null,
      },
    ])
  })

  it('previews the call to action as the button, and holds it to 40 characters', async () => {
    const wrapper = mount(CreativeForm, { props: { ...props, creative: creative() } })
    await wrapper.find('input[name=cta]').setValue('Order now')
    expect(wrapper.find('.ad-preview__cta').text()).toBe('Order now')

    await wrapper.find('input[name=cta]').setValue('x'.repeat(41))
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')).toBeUndefined()
    const field = wrapper.find('input[name=cta]').element.closest('.field')
    expect(field?.querySelector('.field__error')?.textContent).toBe('Use at most 40 characters.')

    await wrapper.find('input[name=cta]').setValue('Order now')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')?.[0]?.[0]).toMatchObject({ cta: 'Order now' })
  })

  it('shows field errors beside their inputs', () => {
    const wrapper = mount(CreativeForm, {
      props: {
        ...props,
        fieldErrors: {
          title: { rule: 'minLength', params: { limit: 1 } },
          width: { rule: 'maximum', params: { comparison: '<=', limit: 2000 } },
        },
      },
    })
    const errors = wrapper.findAll('.field--invalid')
    expect(errors.map((field) => field.find('label').text())).toEqual(['Title', 'Width (px)'])
    expect(errors.map((field) => field.find('.field__error').text())).toEqual([
      'Fill this in.',
      'Enter 2000 or less.',
    ])
  })
})
