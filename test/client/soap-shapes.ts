/**
 * SOAP results as node-soap returned them for the WSDL 2_7 `success<Operation>` elements,
 * restated as test data, next to the REST responses they are built from.
 */
import type {
  Lead,
  ListMemberResult,
  RestResponse,
  SyncLeadResult,
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
    statusList: { leadStatus: { leadKey: { keyType: string; keyValue: string }; status: boolean }[] };
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
