import { ChangePasswordBody, LoginBody } from './auth.ts'
import {
  CampaignParams,
  CreateCampaignBody,
  ListCampaignsQuery,
  UpdateCampaignBody,
} from './campaigns.ts'
import {
  CampaignCreativesParams,
  CreateCreativeBody,
  CreativeParams,
  UpdateCreativeBody,
} from './creatives.ts'
import { ReportQuery } from './reports.ts'

/**
 * Every schema console-api validates a request with (its body, query string or path). The
 * console has a message in both languages for each rule these can break; console-api's tests
 * hold every route to this list, so a new schema cannot skip that.
 */
export const requestSchemas = {
  LoginBody,
  ChangePasswordBody,
  ListCampaignsQuery,
  CampaignParams,
  CreateCampaignBody,
  UpdateCampaignBody,
  CampaignCreativesParams,
  CreativeParams,
  CreateCreativeBody,
  UpdateCreativeBody,
  ReportQuery,
}
