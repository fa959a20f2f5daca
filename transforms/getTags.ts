import { type AstNode, propertyValue } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import {
  SlotList,
  freshName,
  readStringItems,
  requestObject,
  repeatedChildOf,
} from './soap-request.js';

/** Tag types one Get Tag Types call returns at most (the Asset API's `maxReturn` limit). */
const MAX_TAG_TYPES = 200;

/**
 * getTags becomes Get Tag by Name for one tag type, and Get Tag Types for all of them, filtered
 * on the client when the request names several. Reads of `tagList.tag[].type` move to the REST
 * `tagType`. Tag values exist only in Get Tag by Name's `allowableValues` text, so reads of
 * `values` use the SOAP view, which parses that text.
 */
export const getTags: OperationRecipe = {
  operation: 'getTags',
  restEndpoints: ['GET /rest/asset/v1/tagTypes.json', 'GET /rest/asset/v1/tagType/byName.json'],
  summary: 'Rewrites getTags to Get Tag Types, or Get Tag by Name for one tag type.',
  resultShape: {
    arrays: { 'result.tagList.tag': 'result' },
    values: {},
    elementFields: { type: 'tagType' },
  },
  buildCall(request, context) {
    const object = request === undefined ? null : requestObject(request);
    if (request !== undefined && !object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getTagTypes({ maxReturn: 200 }), or client.getTagByName(tagType) for one tag type.',
      );
    }
    const tagList = context.resolve(propertyValue(object, 'tagList'));
    let tags: AstNode[] | null = [];
    if (tagList) {
      tags = repeatedChildOf(tagList, 'tag', context.resolve);
    }
    if (!tags) {
      return unconvertible(
        'the tagList is built at run time. List the tag types in the request, or call client.getTagByName(tagType) for each type by hand.',
      );
    }
    const types: AstNode[] = [];
    for (const element of tags) {
      const tag = context.resolve(element);
      const type = propertyValue(tag, 'type');
      if (!type)
        return unconvertible(
          'a tag in tagList has no type. Give each tag its type, then run the migration again.',
        );
      const values = readStringItems(propertyValue(tag, 'values'), context.resolve);
      if (values && !(values.kind === 'static' && values.items.length === 0)) {
        return unconvertible(
          "REST has no filter on tag values. Remove values from the request and keep the wanted entries of each tag's values in code, then run the migration again.",
        );
      }
      types.push(type);
    }

    const slots = new SlotList();
    const call: RestCall = {
      expression: '',
      steps: [],
      view: '__client.soapView.getTags',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [],
    };
    const allTypes = `__client.getTagTypes({ maxReturn: ${MAX_TAG_TYPES} })`;
    if (types.length === 0) {
      call.expression = allTypes;
      return call;
    }
    if (types.length === 1) {
      call.expression = `__client.getTagByName(${slots.add(types[0]!)})`;
      return call;
    }
    const list = `[${types.map((type) => slots.add(type)).join(', ')}]`;
    const response = freshName('response', slots);
    const tag = freshName('tag', slots);
    call.expression = `${allTypes}.then((${response}) => ({ ...${response}, result: ${response}.result.filter((${tag}) => ${list}.includes(${tag}.tagType)) }))`;
    return call;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getTags: ${reason}` };
}
