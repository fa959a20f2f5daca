/**
 * Routes of the fake server for programs, channels and tag types of the Asset API. Each route
 * turns HTTP parameters into a call on the model.
 */
import { csv } from './params.js';
import { assetAnswer, offsetPaging } from './record-routes.js';
import type { Route } from './server.js';

export const ASSET_ROUTES: readonly Route[] = [
  {
    operation: 'getProgramByName',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/program\/byName\.json$/,
    handle: (model, call) =>
      assetAnswer(
        model.assets.programByName(
          call.params['name'] ?? '',
          call.params['includeTags'] === 'true',
          call.params['includeCosts'] === 'true',
        ),
      ),
  },
  {
    operation: 'getProgramById',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/program\/(\d+)\.json$/,
    handle: (model, call) => assetAnswer(model.assets.programById(Number(call.match[1]))),
  },
  {
    operation: 'updateProgram',
    method: 'POST',
    pattern: /^\/rest\/asset\/v1\/program\/(\d+)\.json$/,
    handle: (model, call) => ({
      result: model.assets.updateProgram(Number(call.match[1]), call.params),
    }),
  },
  {
    operation: 'getPrograms',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/programs\.json$/,
    handle: (model, call) => {
      const request: Parameters<typeof model.assets.browsePrograms>[0] = offsetPaging(call);
      if (call.params['filterType'] !== undefined) request.filterType = call.params['filterType'];
      const values = csv(call.params['filterValues']);
      if (values !== undefined) request.filterValues = values;
      return assetAnswer(model.assets.browsePrograms(request));
    },
  },
  {
    operation: 'getChannels',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/channels\.json$/,
    handle: (model, call) => assetAnswer(model.assets.getChannels(offsetPaging(call))),
  },
  {
    operation: 'getChannelByName',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/channel\/byName\.json$/,
    handle: (model, call) => assetAnswer(model.assets.channelByName(call.params['name'] ?? '')),
  },
  {
    operation: 'getTagTypes',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/tagTypes\.json$/,
    handle: (model, call) => assetAnswer(model.assets.getTagTypes(offsetPaging(call))),
  },
  {
    operation: 'getTagByName',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/tagType\/byName\.json$/,
    handle: (model, call) => assetAnswer(model.assets.tagTypeByName(call.params['name'] ?? '')),
  },
];
