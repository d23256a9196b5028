import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface CreativesTable {
  id: Generated<number>
  campaign_id: number
  title: string
  body: string
  image_url: string | null
  width: number
  height: number
  /** The call to action ("Order now"); null: the tag shows none. */
  cta: string | null
  created_at: string
  updated_at: string
}

export type Creative = Selectable<CreativesTable>
export type NewCreative = Insertable<CreativesTable>
export type CreativeUpdate = Updateable<CreativesTable>
