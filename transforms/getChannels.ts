import { propertyValue } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import { SlotList, freshName, memberOf, readStringItems, requestObject } from './soap-request.js';

/** Channels one Get Channels call returns at most (the Asset API's `maxReturn` limit). */
const MAX_CHANNELS = 200;

/**
 * getChannels becomes Get Channel by Name for one literal channel name, and Get Channels for
 * all channels, filtered on the client when the tag filter names several channels. Reads of
 * `tags.tagStatus[].tagValue` move to the REST `name`; any other read uses the SOAP view.
 */
export const getChannels: OperationRecipe = {
  operation: 'getChannels',
  restEndpoints: ['GET /rest/asset/v1/channels.json', 'GET /rest/asset/v1/channel/byName.json'],
  summary: 'Rewrites getChannels to Get Channels, or Get Channel by Name for one channel.',
  resultShape: {
    arrays: { 'result.tags.tagStatus': 'result' },
    values: {},
    elementFields: { tagValue: 'name' },
  },
  buildCall(request, context) {
    const object = request === undefined ? null : requestObject(request);
    if (request !== undefined && !object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getChannels({ maxReturn: 200 }), or client.getChannelByName(name) for one channel.',
      );
    }

    const slots = new SlotList();
    const tagNode = propertyValue(object, 'tag');
    const tag = context.resolve(tagNode);
    const values =
      tag?.type === 'ObjectExpression'
        ? propertyValue(tag, 'values')
        : tagNode && memberOf(tagNode, 'values');
    const names = readStringItems(values, context.resolve);
    const call: RestCall = {
      expression: '',
      steps: [],
      view: '__client.soapView.getChannels',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [],
    };

    const allChannels = `__client.getChannels({ maxReturn: ${MAX_CHANNELS} })`;
    if (!names || (names.kind === 'static' && names.items.length === 0)) {
      call.expression = allChannels;
      return call;
    }
    if (names.kind === 'static' && names.items.length === 1) {
      call.expression = `__client.getChannelByName(${slots.add(names.items[0]!)})`;
      return call;
    }
    const list =
      names.kind === 'static'
        ? `[${names.items.map((item) => slots.add(item)).join(', ')}]`
        : names.code(slots);
    const response = freshName('response', slots);
    const channel = freshName('channel', slots);
    call.expression = `${allChannels}.then((${response}) => ({ ...${response}, result: ${response}.result.filter((${channel}) => ${list}.includes(${channel}.name)) }))`;
    return call;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getChannels: ${reason}` };
}
