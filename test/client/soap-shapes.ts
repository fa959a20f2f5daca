/**
 * SOAP results as node-soap returned them for the WSDL 2_7 `success<Operation>` elements,
 * restated as test data, next to the REST responses they are built from.
 */
import type {
  Activity,
  Channel,
  ImportJob,
  ImportLeadStatus,
  Lead,
  LeadChange,
  ListMemberResult,
  ObjectMetadata,
  ObjectWriteResult,
  RestResponse,
  SmartCampaign,
  SyncLeadResult,
  TagType,
} from '../../src/client/index.js';

interface SoapAttributeShape {
  attrName: string;
  attrType?: string;
  attrValue: string;
}

interface SoapLeadRecordShape {
  Id: number;
  Email?: string;
  leadAttributeList: { attribute: SoapAttributeShape[] };
}

export interface SoapGetLeadShape {
  result: { count: number; leadRecordList: { leadRecord: SoapLeadRecordShape[] } };
}

export interface SoapSyncLeadShape {
  result: {
    leadId: number | undefined;
    syncStatus: {
      leadId: number | undefined;
      status: 'CREATED' | 'UPDATED' | 'FAILED';
      error?: string;
    };
    leadRecord?: SoapLeadRecordShape;
  };
}

/** A lead with standard fields only, so no Describe call is needed. */
export const STANDARD_LEAD: RestResponse<Lead> = {
  requestId: 'e42b#14272d07d78',
  success: true,
  result: [
    {
      id: 1001,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      unsubscribed: false,
      doNotCall: true,
      leadScore: 42,
      dateOfBirth: '1815-12-10',
      company: '',
      phone: null,
    },
  ],
};

/** Without Describe data there is no `attrType`. Empty and null values are left out. */
export const STANDARD_LEAD_SOAP: SoapGetLeadShape = {
  result: {
    count: 1,
    leadRecordList: {
      leadRecord: [
        {
          Id: 1001,
          Email: 'ada@example.com',
          leadAttributeList: {
            attribute: [
              { attrName: 'FirstName', attrValue: 'Ada' },
              { attrName: 'LastName', attrValue: 'Lovelace' },
              { attrName: 'Unsubscribed', attrValue: '0' },
              { attrName: 'DoNotCall', attrValue: '1' },
              { attrName: 'LeadScore', attrValue: '42' },
              { attrName: 'DateofBirth', attrValue: '1815-12-10' },
            ],
          },
        },
      ],
    },
  },
};

/** Two leads, one with a custom field and a REST-only field, which need Describe. */
export const CUSTOM_LEADS: RestResponse<Lead> = {
  requestId: 'a1#2',
  success: true,
  result: [
    { id: 1001, email: 'ada@example.com', customerTier: 'gold', createdAt: '2024-01-02T03:04:05Z' },
    { id: 1002, firstName: 'Grace', unsubscribed: true },
  ],
};

/** Types come from the fake instance's Describe Lead, and custom names from its `soap.name`. */
export const CUSTOM_LEADS_SOAP: SoapGetLeadShape = {
  result: {
    count: 2,
    leadRecordList: {
      leadRecord: [
        {
          Id: 1001,
          Email: 'ada@example.com',
          leadAttributeList: {
            attribute: [
              { attrName: 'Customer_Tier__c', attrType: 'string', attrValue: 'gold' },
              { attrName: 'createdAt', attrType: 'datetime', attrValue: '2024-01-02T03:04:05Z' },
            ],
          },
        },
        {
          Id: 1002,
          leadAttributeList: {
            attribute: [
              { attrName: 'FirstName', attrType: 'string', attrValue: 'Grace' },
              { attrName: 'Unsubscribed', attrType: 'boolean', attrValue: '1' },
            ],
          },
        },
      ],
    },
  },
};

export const SYNC_CREATED: RestResponse<SyncLeadResult> = {
  requestId: 's#1',
  success: true,
  result: [{ id: 1001, status: 'created' }],
};

export const SYNC_CREATED_SOAP: SoapSyncLeadShape = {
  result: { leadId: 1001, syncStatus: { leadId: 1001, status: 'CREATED' } },
};

export const SYNC_UPDATED: RestResponse<SyncLeadResult> = {
  requestId: 's#2',
  success: true,
  result: [{ id: 1001, status: 'updated' }],
};

export const SYNC_UPDATED_SOAP: SoapSyncLeadShape = {
  result: { leadId: 1001, syncStatus: { leadId: 1001, status: 'UPDATED' } },
};

export const SYNC_SKIPPED: RestResponse<SyncLeadResult> = {
  requestId: 's#3',
  success: true,
  result: [{ status: 'skipped', reasons: [{ code: '1004', message: 'Lead not found' }] }],
};

export const SYNC_SKIPPED_SOAP: SoapSyncLeadShape = {
  result: {
    leadId: undefined,
    syncStatus: { leadId: undefined, status: 'FAILED', error: '1004 - Lead not found' },
  },
};

/** `successRequestCampaign` and `successScheduleCampaign`: only a success flag. */
export interface SoapSuccessShape {
  result: { success: boolean };
}

/** `successMergeLeads`: the merge status of the one winner. */
export interface SoapMergeLeadsShape {
  result: {
    mergeStatus: {
      winningLeadId: number;
      losingLeadIdList: { integerItem: number[] };
      status: 'MERGED' | 'FAILED';
      error?: string;
    };
  };
}

export const CAMPAIGN_ACCEPTED: RestResponse<{ id: number }> = {
  requestId: 'c#1',
  success: true,
  result: [{ id: 1042 }],
};

export const CAMPAIGN_ACCEPTED_SOAP: SoapSuccessShape = { result: { success: true } };

export const MERGE_DONE: RestResponse<never> = { requestId: 'm#1', success: true, result: [] };

/** Merge Leads returns no ids, so the view takes them from the request. */
export const MERGE_DONE_SOAP: SoapMergeLeadsShape = {
  result: {
    mergeStatus: {
      winningLeadId: 1001,
      losingLeadIdList: { integerItem: [1002, 1003] },
      status: 'MERGED',
    },
  },
};

export const MERGE_FAILED: RestResponse<never> = {
  requestId: 'm#2',
  success: false,
  result: [],
  errors: [{ code: '1004', message: 'Lead not found' }],
};

export const MERGE_FAILED_SOAP: SoapMergeLeadsShape = {
  result: {
    mergeStatus: {
      winningLeadId: 1001,
      losingLeadIdList: { integerItem: [1002] },
      status: 'FAILED',
      error: '1004 - Lead not found',
    },
  },
};

/** `successListOperation`: one boolean status per lead key, and their conjunction. */
export interface SoapListOperationShape {
  result: {
    success: boolean;
    statusList: {
      leadStatus: { leadKey: { keyType: string; keyValue: string }; status: boolean }[];
    };
  };
}

export const MEMBER_OF_LIST: RestResponse<ListMemberResult> = {
  requestId: 'l#1',
  success: true,
  result: [
    { id: 1001, status: 'memberof' },
    { id: 1002, status: 'notmemberof' },
    { id: 1003, status: 'skipped', reasons: [{ code: '1004', message: 'Lead not found' }] },
  ],
};

export const MEMBER_OF_LIST_SOAP: SoapListOperationShape = {
  result: {
    success: false,
    statusList: {
      leadStatus: [
        { leadKey: { keyType: 'IDNUM', keyValue: '1001' }, status: true },
        { leadKey: { keyType: 'IDNUM', keyValue: '1002' }, status: false },
        { leadKey: { keyType: 'IDNUM', keyValue: '1003' }, status: false },
      ],
    },
  },
};

export const ADDED_TO_LIST: RestResponse<ListMemberResult> = {
  requestId: 'l#2',
  success: true,
  result: [
    { id: 1001, status: 'added' },
    { id: 1002, status: 'added' },
  ],
};

export const ADDED_TO_LIST_SOAP: SoapListOperationShape = {
  result: {
    success: true,
    statusList: {
      leadStatus: [
        { leadKey: { keyType: 'IDNUM', keyValue: '1001' }, status: true },
        { leadKey: { keyType: 'IDNUM', keyValue: '1002' }, status: true },
      ],
    },
  },
};

/** `successGetMultipleLeads`: one page, with the REST token as the stream position. */
export interface SoapGetMultipleLeadsShape {
  result: {
    returnCount: number;
    remainingCount: number;
    newStreamPosition?: string;
    leadRecordList: { leadRecord: SoapLeadRecordShape[] };
  };
}

export const LEADS_PAGE: RestResponse<Lead> = {
  requestId: 'g#1',
  success: true,
  moreResult: true,
  nextPageToken: 'NEXT-PAGE-2',
  result: [
    { id: 1001, email: 'ada@example.com', firstName: 'Ada' },
    { id: 1002, lastName: 'Hopper' },
  ],
};

export const LEADS_PAGE_SOAP: SoapGetMultipleLeadsShape = {
  result: {
    returnCount: 2,
    remainingCount: 1,
    newStreamPosition: 'NEXT-PAGE-2',
    leadRecordList: {
      leadRecord: [
        {
          Id: 1001,
          Email: 'ada@example.com',
          leadAttributeList: { attribute: [{ attrName: 'FirstName', attrValue: 'Ada' }] },
        },
        {
          Id: 1002,
          leadAttributeList: { attribute: [{ attrName: 'LastName', attrValue: 'Hopper' }] },
        },
      ],
    },
  },
};

/** `successSyncMultipleLeads`: one status per input record, in input order. */
export interface SoapSyncMultipleLeadsShape {
  result: {
    syncStatusList: {
      syncStatus: {
        leadId: number | undefined;
        status: 'CREATED' | 'UPDATED' | 'FAILED';
        error?: string;
      }[];
    };
  };
}

export const SYNC_MIXED: RestResponse<SyncLeadResult> = {
  requestId: 's#4',
  success: true,
  result: [
    { id: 1001, status: 'updated' },
    { status: 'skipped', reasons: [{ code: '1004', message: 'Lead not found' }] },
    { id: 1003, status: 'created' },
  ],
};

export const SYNC_MIXED_SOAP: SoapSyncMultipleLeadsShape = {
  result: {
    syncStatusList: {
      syncStatus: [
        { leadId: 1001, status: 'UPDATED' },
        { leadId: undefined, status: 'FAILED', error: '1004 - Lead not found' },
        { leadId: 1003, status: 'CREATED' },
      ],
    },
  },
};

/** `successGetCampaignsForSource`. */
export interface SoapGetCampaignsForSourceShape {
  result: {
    returnCount: number;
    campaignRecordList: { campaignRecord: { id: number; name: string; description?: string }[] };
  };
}

export const REQUESTABLE_CAMPAIGNS: RestResponse<SmartCampaign> = {
  requestId: 'sc#1',
  success: true,
  result: [
    { id: 3374, name: 'Triggered Campaign', description: '', isRequestable: true },
    { id: 4240, name: 'Fulfillment Email Trigger', isRequestable: true, parentProgramId: 1010 },
  ],
};

export const REQUESTABLE_CAMPAIGNS_SOAP: SoapGetCampaignsForSourceShape = {
  result: {
    returnCount: 2,
    campaignRecordList: {
      campaignRecord: [
        { id: 3374, name: 'Triggered Campaign', description: '' },
        { id: 4240, name: 'Fulfillment Email Trigger' },
      ],
    },
  },
};

/** `successImportToList` plus the batch id, and `successGetImportToListStatus`. */
export interface SoapImportToListShape {
  result: { importStatus: 'PROCESSING' | 'COMPLETE' | 'FAILED' | 'CANCELED'; batchId: number };
}

export interface SoapGetImportToListStatusShape {
  result: {
    status: 'PROCESSING' | 'COMPLETE' | 'FAILED' | 'CANCELED';
    rowsImported?: number;
    rowsFailed?: number;
    importSummary?: string;
  };
}

export const IMPORT_QUEUED: RestResponse<ImportJob> = {
  requestId: 'i#1',
  success: true,
  result: [{ batchId: 1023, importId: '1023', status: 'Queued' }],
};

export const IMPORT_QUEUED_SOAP: SoapImportToListShape = {
  result: { importStatus: 'PROCESSING', batchId: 1023 },
};

export const IMPORT_COMPLETE: RestResponse<ImportLeadStatus> = {
  requestId: 'i#2',
  success: true,
  result: [
    {
      batchId: 1023,
      status: 'Complete',
      numOfLeadsProcessed: 2,
      numOfRowsFailed: 1,
      numOfRowsWithWarning: 0,
      message: '2 records imported, 1 failed',
    },
  ],
};

export const IMPORT_COMPLETE_SOAP: SoapGetImportToListStatusShape = {
  result: {
    status: 'COMPLETE',
    rowsImported: 2,
    rowsFailed: 1,
    importSummary: '2 records imported, 1 failed',
  },
};

/** `successGetChannels`: attrib values are text, as in Adobe's XML example. */
export interface SoapGetChannelsShape {
  result: {
    tags: {
      tagStatus: {
        tagValue: string;
        statusList: {
          progressionStatusItem: {
            progressionStatus: { attrib: { name: string; value: string }[] };
          }[];
        };
      }[];
    };
  };
}

export const BLOG_CHANNEL: RestResponse<Channel> = {
  requestId: 'ch#1',
  success: true,
  result: [
    {
      id: 7001,
      name: 'Blog',
      applicableProgramType: 'program',
      progressionStatuses: [
        { name: 'Visited', step: 10, success: false },
        { name: 'Engaged', step: 20, success: true },
        { name: 'Subscribed', step: 30 },
      ],
    },
  ],
};

export const BLOG_CHANNEL_SOAP: SoapGetChannelsShape = {
  result: {
    tags: {
      tagStatus: [
        {
          tagValue: 'Blog',
          statusList: {
            progressionStatusItem: [
              {
                progressionStatus: {
                  attrib: [
                    { name: 'Status', value: 'Visited' },
                    { name: 'Step', value: '10' },
                    { name: 'Success', value: 'false' },
                  ],
                },
              },
              {
                progressionStatus: {
                  attrib: [
                    { name: 'Status', value: 'Engaged' },
                    { name: 'Step', value: '20' },
                    { name: 'Success', value: 'true' },
                  ],
                },
              },
              {
                progressionStatus: {
                  attrib: [
                    { name: 'Status', value: 'Subscribed' },
                    { name: 'Step', value: '30' },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
  },
};

/** `successGetTags`. */
export interface SoapGetTagsShape {
  result: { tagList: { tag: { type: string; values: { stringItem: string[] } }[] } };
}

export const REGION_TAG: RestResponse<TagType> = {
  requestId: 't#1',
  success: true,
  result: [
    {
      tagType: 'Region',
      applicableProgramTypes: '[program,event]',
      required: false,
      allowableValues: '[EMEA, APAC, Americas]',
    },
  ],
};

export const REGION_TAG_SOAP: SoapGetTagsShape = {
  result: {
    tagList: { tag: [{ type: 'Region', values: { stringItem: ['EMEA', 'APAC', 'Americas'] } }] },
  },
};

/** `successDescribeMObject`: field flags that REST has no source for are absent. */
export interface SoapDescribeMObjectShape {
  result: {
    metadata: {
      name: string;
      description?: string;
      isCustom: boolean;
      updatedAt?: string;
      fieldList: {
        field: {
          name: string;
          displayName?: string;
          dataType: string;
          size?: number;
          isReadonly: boolean;
          isUpdateBlocked: boolean;
          isPrimaryKey: boolean;
        }[];
      };
    };
  };
}

export const OPPORTUNITY_DESCRIBE: RestResponse<ObjectMetadata> = {
  requestId: 'd#1',
  success: true,
  result: [
    {
      name: 'opportunity',
      description: 'Opportunity records',
      idField: 'marketoGUID',
      dedupeFields: ['externalOpportunityId'],
      fields: [
        {
          name: 'marketoGUID',
          displayName: 'Marketo GUID',
          dataType: 'string',
          length: 36,
          updateable: false,
        },
        { name: 'name', displayName: 'Name', dataType: 'string', length: 255, updateable: true },
      ],
    },
  ],
};

export const OPPORTUNITY_DESCRIBE_SOAP: SoapDescribeMObjectShape = {
  result: {
    metadata: {
      name: 'Opportunity',
      description: 'Opportunity records',
      isCustom: false,
      fieldList: {
        field: [
          {
            name: 'marketoGUID',
            displayName: 'Marketo GUID',
            dataType: 'string',
            size: 36,
            isReadonly: true,
            isUpdateBlocked: true,
            isPrimaryKey: true,
          },
          {
            name: 'name',
            displayName: 'Name',
            dataType: 'string',
            size: 255,
            isReadonly: false,
            isUpdateBlocked: false,
            isPrimaryKey: false,
          },
        ],
      },
    },
  },
};

/** `successGetLeadActivity`: the result is `leadActivityList`, not `result`. */
export interface SoapActivityRecordShape {
  id?: number;
  activityDateTime: string;
  activityType: string;
  mktgAssetName?: string;
  activityAttributes: { attribute: { attrName: string; attrValue: string }[] };
  mktPersonId: string;
}

export interface SoapGetLeadActivityShape {
  leadActivityList: {
    returnCount: number;
    remainingCount: number;
    activityRecordList: { activityRecord: SoapActivityRecordShape[] };
  };
}

export interface SoapGetLeadChangesShape {
  result: {
    returnCount: number;
    remainingCount: number;
    leadChangeRecordList: { leadChangeRecord: SoapActivityRecordShape[] };
  };
}

export const VISIT_ACTIVITIES: RestResponse<Activity> = {
  requestId: 'a#1',
  success: true,
  moreResult: false,
  nextPageToken: 'TOKEN-END',
  result: [
    {
      id: 501,
      leadId: 1001,
      activityDate: '2024-03-01T10:00:00Z',
      activityTypeId: 1,
      primaryAttributeValueId: 77,
      primaryAttributeValue: 'pricing.html',
      attributes: [{ name: 'Webpage URL', value: '/pricing.html' }],
    },
  ],
};

export const VISIT_ACTIVITIES_SOAP: SoapGetLeadActivityShape = {
  leadActivityList: {
    returnCount: 1,
    remainingCount: 0,
    activityRecordList: {
      activityRecord: [
        {
          id: 501,
          activityDateTime: '2024-03-01T10:00:00Z',
          activityType: 'Visit Webpage',
          mktgAssetName: 'pricing.html',
          activityAttributes: {
            attribute: [{ attrName: 'Webpage URL', attrValue: '/pricing.html' }],
          },
          mktPersonId: '1001',
        },
      ],
    },
  },
};

export const FIELD_CHANGES: RestResponse<LeadChange> = {
  requestId: 'lc#1',
  success: true,
  moreResult: true,
  nextPageToken: 'TOKEN-2',
  result: [
    {
      id: 601,
      leadId: 1002,
      activityDate: '2024-03-02T11:00:00Z',
      activityTypeId: 13,
      fields: [{ id: 12, name: 'customerTier', oldValue: 'silver', newValue: 'gold' }],
      attributes: [{ name: 'Reason', value: 'Upgrade' }],
    },
  ],
};

/** The field's display name comes from the fake instance's Describe Lead. */
export const FIELD_CHANGES_SOAP: SoapGetLeadChangesShape = {
  result: {
    returnCount: 1,
    remainingCount: 1,
    leadChangeRecordList: {
      leadChangeRecord: [
        {
          id: 601,
          activityDateTime: '2024-03-02T11:00:00Z',
          activityType: 'Change Data Value',
          mktgAssetName: 'Customer Tier',
          activityAttributes: {
            attribute: [
              { attrName: 'Attribute Name', attrValue: 'Customer Tier' },
              { attrName: 'Old Value', attrValue: 'silver' },
              { attrName: 'New Value', attrValue: 'gold' },
              { attrName: 'Reason', attrValue: 'Upgrade' },
            ],
          },
          mktPersonId: '1002',
        },
      ],
    },
  },
};

/** `successSyncMObjects` and `successDeleteMObjects`. */
export interface SoapMObjStatusShape {
  result: {
    mObjStatusList: {
      mObjStatus: {
        externalKey?: { name: string; value: string };
        status: 'CREATED' | 'UPDATED' | 'DELETED' | 'FAILED';
        error?: string;
      }[];
    };
  };
}

/** Results out of `seq` order, as a response joined elsewhere may be. */
export const OPPORTUNITY_WRITES: RestResponse<ObjectWriteResult> = {
  requestId: 'o#1',
  success: true,
  result: [
    { seq: 1, status: 'skipped', reasons: [{ code: '1013', message: 'Object not found' }] },
    { seq: 0, marketoGUID: 'guid-1', status: 'created' },
  ],
};

export const OPPORTUNITY_WRITES_SOAP: SoapMObjStatusShape = {
  result: {
    mObjStatusList: {
      mObjStatus: [
        { externalKey: { name: 'marketoGUID', value: 'guid-1' }, status: 'CREATED' },
        { status: 'FAILED', error: '1013 - Object not found' },
      ],
    },
  },
};

/** `successSyncCustomObjects`. REST gives no key fields, so the key is the GUID. */
export interface SoapSyncCustomObjectsShape {
  result: {
    syncCustomObjStatusList: {
      syncCustomObjStatus: {
        objTypeName: string;
        customObjKeyList: { attribute: { attrName: string; attrValue: string }[] };
        status: 'CREATED' | 'UPDATED' | 'DELETED' | 'FAILED';
        error?: string;
      }[];
    };
  };
}

export const CAR_SYNC_SOAP: SoapSyncCustomObjectsShape = {
  result: {
    syncCustomObjStatusList: {
      syncCustomObjStatus: [
        {
          objTypeName: 'car_c',
          customObjKeyList: { attribute: [{ attrName: 'marketoGUID', attrValue: 'guid-1' }] },
          status: 'CREATED',
        },
        {
          objTypeName: 'car_c',
          customObjKeyList: { attribute: [] },
          status: 'FAILED',
          error: '1013 - Object not found',
        },
      ],
    },
  },
};
