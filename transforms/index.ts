import type { OperationRecipe } from '../src/core/recipe.js';
import type { TransformInfo } from '../src/core/registry-types.js';
import { client } from './client.js';
import { deleteCustomObjects } from './deleteCustomObjects.js';
import { deleteMObjects } from './deleteMObjects.js';
import { describeMObject } from './describeMObject.js';
import { getCampaignsForSource } from './getCampaignsForSource.js';
import { getChannels } from './getChannels.js';
import { getCustomObjects } from './getCustomObjects.js';
import { getImportToListStatus } from './getImportToListStatus.js';
import { getLead } from './getLead.js';
import { getLeadActivity } from './getLeadActivity.js';
import { getLeadChanges } from './getLeadChanges.js';
import { getMObjects } from './getMObjects.js';
import { getMultipleLeads } from './getMultipleLeads.js';
import { getTags } from './getTags.js';
import { importToList } from './importToList.js';
import { listMObjects } from './listMObjects.js';
import { listOperation } from './listOperation.js';
import { mergeLeads } from './mergeLeads.js';
import { requestCampaign } from './requestCampaign.js';
import { scheduleCampaign } from './scheduleCampaign.js';
import { syncCustomObjects } from './syncCustomObjects.js';
import { syncLead } from './syncLead.js';
import { syncMObjects } from './syncMObjects.js';
import { syncMultipleLeads } from './syncMultipleLeads.js';

/** Operation recipes, in the order `list` prints them. */
export const recipes: readonly OperationRecipe[] = [
  getLead,
  getMultipleLeads,
  syncLead,
  syncMultipleLeads,
  mergeLeads,
  getLeadActivity,
  getLeadChanges,
  listOperation,
  importToList,
  getImportToListStatus,
  requestCampaign,
  scheduleCampaign,
  getCampaignsForSource,
  getMObjects,
  syncMObjects,
  deleteMObjects,
  describeMObject,
  listMObjects,
  getChannels,
  getTags,
  getCustomObjects,
  syncCustomObjects,
  deleteCustomObjects,
];

const recipesByOperation = new Map(recipes.map((recipe) => [recipe.operation as string, recipe]));

export function recipeFor(operation: string): OperationRecipe | undefined {
  return recipesByOperation.get(operation);
}

/** Every transform `--transform` accepts: `client`, then one per SOAP operation. */
export const transformInfos: TransformInfo[] = [
  client,
  ...recipes.map((recipe) => ({
    name: recipe.operation,
    soapOperation: recipe.operation,
    restEndpoints: recipe.restEndpoints,
    summary: recipe.summary,
  })),
];
