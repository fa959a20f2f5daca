import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  freshName,
  isOffOrAbsent,
  isTrueLiteral,
  memberOf,
  requestObject,
} from './soap-request.js';

/**
 * importToList becomes Bulk Lead Import into the list that `resolveListId` finds for the program
 * and list names. `soapImportFileToCsv` builds the CSV file from `importFileHeader` and
 * `importFileRows`, renaming the header's field display names to REST names. REST has no
 * per-lead My Token columns and no list clearing, so those are marked.
 */
export const importToList: OperationRecipe = {
  operation: 'importToList',
  restEndpoints: [
    'POST /bulk/v1/leads.json',
    'GET /rest/v1/lists.json',
    'GET /rest/v1/leads/describe.json',
  ],
  summary:
    'Rewrites importToList to Bulk Lead Import with listId, converting the CSV header to REST field names.',
  resultShape: {
    arrays: {},
    // `batchId` is not in SOAP's result. soapView.importToList adds it, so that a status call
    // rewritten in the same callback can read it in either shape.
    values: { 'result.batchId': { rest: 'result.0.batchId' } },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.resolveListId({ listName, programName }) followed by client.importLeads({ file, listId }), with a CSV header of REST field names.',
      );
    }
    const read = readImport(object, context);
    if ('unconvertible' in read) return read;

    const slots = new SlotList();
    const listPromise = `__client.resolveListId({ listName: ${slots.add(read.listName)}, programName: ${slots.add(read.programName)} })`;
    const filePromise = `__client.soapImportFileToCsv(${slots.add(read.header)}, ${slots.add(read.rows)})`;
    const lookups = [
      { param: freshName('listId', slots), promise: listPromise },
      { param: freshName('file', slots), promise: filePromise },
    ];
    const [list, file] = lookups.map((lookup) => lookup.param) as [string, string];
    const fileOption = file === 'file' ? 'file' : `file: ${file}`;
    const listOption = list === 'listId' ? 'listId' : `listId: ${list}`;
    const call = `__client.importLeads({ ${fileOption}, ${listOption} })`;
    const chained = afterLookups('importToList', lookups, call, [], context.callPath);
    const result: RestCall = {
      expression: chained.code,
      steps: [],
      view: '__client.soapView.importToList',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...read.notes, ...chained.notes],
    };
    return result;
  },
};

interface ImportParts {
  programName: AstNode;
  listName: AstNode;
  header: AstNode;
  rows: AstNode;
  notes: string[];
}

/**
 * Reads the parts of an importToList request that the REST import needs, and rejects the options
 * REST cannot honour. Also used by getImportToListStatus to check that an import in view converts.
 */
export function readImport(object: AstNode, context: RecipeContext): ImportParts | Unconvertible {
  const programName = propertyValue(object, 'programName');
  const listName = propertyValue(object, 'listName');
  if (!programName || !listName) {
    return unconvertible(
      'the request needs both programName and listName, as SOAP required. Add the missing name, then run the migration again.',
    );
  }
  const header = propertyValue(object, 'importFileHeader');
  const rowsNode = propertyValue(object, 'importFileRows');
  if (!header || !rowsNode) {
    return unconvertible(
      'the request needs importFileHeader and importFileRows. Add them, then run the migration again.',
    );
  }

  const headerText = staticString(header);
  if (headerText !== null && headerText.includes('{{')) {
    return unconvertible(
      'the import header has My Token columns, and REST has no per-lead token values. Drop those columns and pass the values as tokens to client.requestCampaign or client.scheduleCampaign, or store them in lead fields and use lead tokens.',
    );
  }

  const notes: string[] = [];
  const mode = propertyValue(object, 'importListMode');
  const modeName = staticString(mode);
  if (modeName === 'LISTONLY') {
    return unconvertible(
      "importListMode LISTONLY adds existing leads without creating any, which Bulk Lead Import cannot do. Look the leads up with client.getLeadsByFilterType({ filterType: 'email' }) and add them with client.addToList(listId, leadIds).",
    );
  }
  if (mode && modeName === null) {
    notes.push(
      'importToList: importListMode is computed at run time, and the rewritten import always creates or updates leads (UPSERTLEADS). If it can be LISTONLY, handle that case by hand.',
    );
  } else if (mode && modeName !== 'UPSERTLEADS') {
    return unconvertible(`'${modeName}' is not an importListMode. Use UPSERTLEADS or LISTONLY.`);
  }

  const clearList = propertyValue(object, 'clearList');
  if (isTrueLiteral(clearList)) {
    return unconvertible(
      'clearList has no REST equivalent. Remove the current members first with client.iterateLeadsByListId and client.removeFromList (300 ids per call), then run the migration again without clearList.',
    );
  }
  if (!isOffOrAbsent(clearList)) {
    notes.push(
      'importToList: clearList is computed at run time, and the rewritten import never clears the list. Where it is true, remove the members first with client.iterateLeadsByListId and client.removeFromList.',
    );
  }

  if (propertyValue(object, 'campaignName')) {
    notes.push(
      'importToList: campaignName has no REST equivalent, because REST has no per-lead My Token values. Pass the values as tokens to client.requestCampaign or client.scheduleCampaign, or store them in lead fields.',
    );
  }
  if (headerText === null) {
    notes.push(
      'importToList: the import header is built at run time. soapImportFileToCsv rejects My Token columns such as {{my.token}}, so check that the header has none.',
    );
  }

  const rowsObject = context.resolve(rowsNode);
  const stringItem =
    rowsObject?.type === 'ObjectExpression' ? propertyValue(rowsObject, 'stringItem') : null;
  return {
    programName,
    listName,
    header,
    rows: stringItem ?? memberOf(rowsNode, 'stringItem'),
    notes,
  };
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `importToList: ${reason}` };
}
