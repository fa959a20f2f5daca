// The key-type table lives with the REST client, whose `leadFilterType` applies it at run
// time, so that the codemod and the migrated code map key types the same way.
export { FILTER_TYPE_BY_KEY_TYPE } from '../../client/lead-keys.js';
