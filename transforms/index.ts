import type { OperationRecipe } from '../src/core/recipe.js';
import type { TransformInfo } from '../src/core/registry-types.js';
import { client } from './client.js';
import { getLead } from './getLead.js';
import { listOperation } from './listOperation.js';
import { mergeLeads } from './mergeLeads.js';
import { requestCampaign } from './requestCampaign.js';
import { scheduleCampaign } from './scheduleCampaign.js';
import { syncLead } from './syncLead.js';

/** Operation recipes, in the order `list` prints them. */
export const recipes: readonly OperationRecipe[] = [getLead, syncLead, mergeLeads, listOperation, requestCampaign, scheduleCampaign];

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
