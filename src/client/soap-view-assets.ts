/**
 * SOAP-shaped views of the Asset API responses that replace getChannels, getTags and
 * getCampaignsForSource, in the node-soap JSON of the WSDL 2_7 elements `successGetChannels`,
 * `successGetTags` and `successGetCampaignsForSource`.
 */
import type { SmartCampaign } from './campaigns.js';
import { parseAllowableValues, type Channel, type TagType } from './channels-tags.js';
import type { RestResponse } from './types.js';

/** One `attrib` of a progression status, such as `{ name: 'Step', value: '20' }`. */
export interface SoapAttrib {
  name: string;
  value: string;
}

export interface SoapTagStatus {
  tagValue: string;
  statusList: { progressionStatusItem: { progressionStatus: { attrib: SoapAttrib[] } }[] };
}

export interface SoapGetChannelsResult {
  result: { tags: { tagStatus: SoapTagStatus[] } };
}

export interface SoapTag {
  type: string;
  values: { stringItem: string[] };
}

export interface SoapGetTagsResult {
  result: { tagList: { tag: SoapTag[] } };
}

export interface SoapCampaignRecord {
  id: number;
  /** The campaign name alone. SOAP could give it as "Program.Campaign". */
  name: string;
  description?: string;
}

export interface SoapGetCampaignsForSourceResult {
  result: { returnCount: number; campaignRecordList: { campaignRecord: SoapCampaignRecord[] } };
}

/**
 * Builds SOAP getChannels' result from a Get Channels or Get Channel by Name response. Each
 * progression status gives the attribs Status, Step and, where REST returns `success`, Success,
 * with values as text (`'true'`, `'20'`). REST has no "Check-in Status" or "Webinar Behavior".
 */
export function toSoapGetChannelsResult(response: RestResponse<Channel>): SoapGetChannelsResult {
  const tagStatus = response.result.map((channel) => ({
    tagValue: channel.name,
    statusList: {
      progressionStatusItem: (channel.progressionStatuses ?? []).map((status) => {
        const attrib: SoapAttrib[] = [
          { name: 'Status', value: status.name },
          { name: 'Step', value: String(status.step) },
        ];
        if (typeof status.success === 'boolean') {
          attrib.push({ name: 'Success', value: String(status.success) });
        }
        return { progressionStatus: { attrib } };
      }),
    },
  }));
  return { result: { tags: { tagStatus } } };
}

/**
 * Builds SOAP getTags' result from a Get Tag Types or Get Tag by Name response. Only Get Tag by
 * Name returns the tag values, so each tag type without `allowableValues` is read again with
 * `getTagByName`, one call per type.
 * NOTE: whether Get Tag Types lists the channel tag type, which SOAP getTags left out, is not
 * documented. Every type REST returns is kept.
 */
export async function toSoapGetTagsResult(
  getTagByName: (name: string) => Promise<RestResponse<TagType>>,
  response: RestResponse<TagType>,
): Promise<SoapGetTagsResult> {
  const tag = await Promise.all(
    response.result.map(async (tagType) => {
      let allowableValues = tagType.allowableValues;
      if (allowableValues === undefined) {
        const described = await getTagByName(tagType.tagType);
        allowableValues = described.result[0]?.allowableValues;
      }
      const stringItem = parseAllowableValues(allowableValues);
      return { type: tagType.tagType, values: { stringItem } };
    }),
  );
  return { result: { tagList: { tag } } };
}

/** Builds SOAP getCampaignsForSource's result from `getRequestableSmartCampaigns`. */
export function toSoapGetCampaignsForSourceResult(
  response: RestResponse<SmartCampaign>,
): SoapGetCampaignsForSourceResult {
  const campaignRecord = response.result.map((campaign) => {
    const record: SoapCampaignRecord = { id: campaign.id, name: campaign.name };
    if (typeof campaign.description === 'string') record.description = campaign.description;
    return record;
  });
  return { result: { returnCount: campaignRecord.length, campaignRecordList: { campaignRecord } } };
}
