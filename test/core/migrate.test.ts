import { describe, expect, it } from 'vitest';
import { migrateSource, mightContainSoap } from '../../src/core/migrate.js';
import { SourceParseError, type MigrateOptions } from '../../src/core/types.js';

const CLIENT_IMPORT = './marketo-rest-client/index.js';

function options(filePath: string, extra: Partial<MigrateOptions> = {}): MigrateOptions {
  return {
    filePath,
    transforms: ['client', 'getLead', 'syncLead'],
    clientImport: CLIENT_IMPORT,
    ...extra,
  };
}

const CALLBACK_GET_LEAD = [
  "const soap = require('soap');",
  '',
  'soap.createClient(process.env.MKTO_WSDL_URL, (err, client) => {',
  '  if (err) throw err;',
  "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 42 } }, (err, res) => {",
  '    console.log(err, res.result.leadRecordList.leadRecord[0].Email);',
  '  });',
  '});',
  '',
].join('\n');

describe('mightContainSoap', () => {
  it('rejects text without SOAP words', () => {
    expect(mightContainSoap('export const add = (a, b) => a + b;\n')).toBe(false);
  });

  it.each([
    ['an operation name', 'crm.getLead(id);'],
    ['the SOAP package', "import soap from 'soap';"],
    ['the endpoint path', "const url = 'https://example.invalid/soap/mktows/2_7';"],
    ['a marker', '// MARKETO-MIGRATE: check this'],
  ])('accepts %s', (_label, source) => {
    expect(mightContainSoap(source)).toBe(true);
  });
});

describe('migrateSource', () => {
  it('returns text without SOAP untouched', () => {
    const source = "const x = 'getLeads';\n";
    const result = migrateSource(source, options('a.js'));
    expect(result.changed).toBe(false);
    expect(result.output).toBe(source);
  });

  it('never parses text the quick check rejects', () => {
    const broken = 'const = = ;\n';
    expect(migrateSource(broken, options('broken.js')).output).toBe(broken);
  });

  it('raises SourceParseError with the location', () => {
    const source = "client.getLead({ leadKey: { keyType: 'EMAIL' }\n";
    expect(() => migrateSource(source, options('bad.js'))).toThrow(SourceParseError);
    try {
      migrateSource(source, options('bad.js'));
    } catch (error) {
      expect((error as SourceParseError).location?.line).toBe(2);
    }
  });

  it('keeps a byte-order mark', () => {
    const result = migrateSource(`\uFEFF${CALLBACK_GET_LEAD}`, options('bom.js'));
    expect(result.changed).toBe(true);
    expect(result.output.startsWith('\uFEFF')).toBe(true);
    expect(result.output.slice(1).includes('\uFEFF')).toBe(false);
  });

  it('keeps CRLF line endings', () => {
    const result = migrateSource(CALLBACK_GET_LEAD.replace(/\n/g, '\r\n'), options('crlf.js'));
    expect(result.changed).toBe(true);
    expect(result.output.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a missing final newline', () => {
    const result = migrateSource(CALLBACK_GET_LEAD.trimEnd(), options('no-newline.js'));
    expect(result.output.endsWith('\n')).toBe(false);
  });

  it('keeps a shebang line', () => {
    const result = migrateSource(`#!/usr/bin/env node\n${CALLBACK_GET_LEAD}`, options('bin.js'));
    expect(result.output.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints new code in double quotes where the file uses them', () => {
    const result = migrateSource(CALLBACK_GET_LEAD.replace(/'/g, '"'), options('double.js'));
    expect(result.output).toContain('require("./marketo-rest-client/index.js")');
    expect(result.output).not.toContain("'");
  });

  it('parses <T> casts in .ts and JSX in .tsx', () => {
    const cast = "const soap = require('soap');\nconst id = <number>input;\n";
    expect(() => migrateSource(cast, options('cast.ts'))).not.toThrow();
    const jsx = "import soap from 'soap';\nexport const View = () => <div>{String(soap)}</div>;\n";
    expect(() => migrateSource(jsx, options('view.tsx'))).not.toThrow();
  });

  it('reports the import it adds', () => {
    const result = migrateSource(CALLBACK_GET_LEAD, options('a.js'));
    expect(result.report.importsClient).toBe(true);
    expect(result.report.converted).toBe(2);
    expect(result.output).toContain(`require('${CLIENT_IMPORT}')`);
  });

  it('skips a file whose client serves an operation not selected', () => {
    const source = CALLBACK_GET_LEAD.replace(
      '  });\n});',
      "  });\n  client.syncLead({ leadRecord: { Email: 'a@b.c' }, returnLead: false }, () => {});\n});",
    );
    const result = migrateSource(source, options('skip.js', { transforms: ['getLead'] }));
    expect(result.changed).toBe(false);
    expect(result.output).toBe(source);
    expect(result.report.skipped?.transform).toBe('syncLead');
    expect(result.report.skipped?.reason).toContain('--transform syncLead');
  });

  it('counts existing markers on a second run', () => {
    const source = CALLBACK_GET_LEAD.replace(
      "'IDNUM', keyValue: 42",
      "'LEADOWNEREMAIL', keyValue: owner",
    );
    const first = migrateSource(source, options('owner.js'));
    expect(first.report.markers).toHaveLength(1);
    expect(first.report.markers[0]?.existing).toBe(false);
    expect(first.report.markers[0]?.transform).toBe('getLead');
    const second = migrateSource(first.output, options('owner.js'));
    expect(second.changed).toBe(false);
    expect(second.report.markers).toHaveLength(1);
    expect(second.report.markers[0]?.existing).toBe(true);
  });

  it('reports ignored calls', () => {
    const source = CALLBACK_GET_LEAD.replace(
      '  client.getLead(',
      '  // marketo-migrate-ignore\n  client.getLead(',
    );
    const result = migrateSource(source, options('ignored.js'));
    expect(result.report.ignored).toHaveLength(1);
    expect(result.report.ignored[0]?.line).toBe(6);
    expect(result.output).toContain('client.getLead(');
    expect(result.output).toContain('soap.createClient(');
  });

  it('reports a hard-coded credential without its value', () => {
    const source = [
      "const soap = require('soap');",
      "const ENCRYPTION_KEY = '7356927104318862AAEE5577BBCC33DD';",
      'const signer = { toXML: () => sign(ENCRYPTION_KEY) };',
      'soap.createClient(url, (err, client) => {',
      '  client.setSecurity(signer);',
      "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (err, res) => done(err, res && res.result.count));",
      '});',
      '',
    ].join('\n');
    const result = migrateSource(source, options('secret.js'));
    expect(result.output).not.toContain('7356927104318862AAEE5577BBCC33DD');
    expect(result.report.secrets).toHaveLength(1);
    expect(result.report.secrets[0]?.line).toBe(2);
    expect(JSON.stringify(result.report)).not.toContain('7356927104318862AAEE5577BBCC33DD');
  });

  it('names custom fields from a field map', () => {
    const source = [
      "const soap = require('soap');",
      'soap.createClient(url, (err, client) => {',
      "  client.getLead({ leadKey: { keyType: 'EMAIL', keyValue: email } }, (err, res) => {",
      '    const lead = res.result.leadRecordList.leadRecord[0];',
      "    const region = lead.leadAttributeList.attribute.find((a) => a.attrName === 'Region__c');",
      '    done(err, region && region.attrValue);',
      '  });',
      "  client.syncLead({ leadRecord: { Email: email, leadAttributeList: { attribute: [{ attrName: 'Region__c', attrValue: 'EMEA' }] } }, returnLead: false }, done);",
      '});',
      '',
    ].join('\n');
    const withoutMap = migrateSource(source, options('map.js'));
    expect(withoutMap.output).toContain('soapView.getLead');
    expect(withoutMap.output).toContain('soapFields: { Region__c: ');
    const withMap = migrateSource(source, options('map.js', { fieldMap: { Region__c: 'region' } }));
    expect(withMap.output).toContain("fields: ['region']");
    expect(withMap.output).toContain('done(err, lead.region)');
    expect(withMap.output).toContain("input: [{ email: email, region: 'EMEA' }]");
  });

  describe('hard cases', () => {
    const wrap = (body: string) =>
      [
        "const soap = require('soap');",
        'soap.createClient(url, async (err, client) => {',
        body,
        '});',
        '',
      ].join('\n');

    it('marks a method taken off the client', () => {
      const result = migrateSource(
        wrap(
          "  const { getLead } = client;\n  getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, done);",
        ),
        options('destructure.js'),
      );
      expect(result.report.markers.map((marker) => marker.message).join('\n')).toContain(
        'takes getLead off the SOAP client by destructuring',
      );
    });

    it('keeps the array when raw parts are destructured', () => {
      const result = migrateSource(
        wrap(
          "  const [res, raw] = await client.getLeadAsync({ leadKey: { keyType: 'IDNUM', keyValue: 1 } });\n  log(res.result.count, raw);",
        ),
        options('raw.js'),
      );
      expect(result.output).toContain(
        'const [res, raw] = await client.getLeadById(1, { allFields: true }).then(client.soapView.getLead).then((result) => [result]);',
      );
      expect(result.report.markers.map((marker) => marker.message).join('\n')).toContain(
        'raw SOAP response',
      );
    });

    it('does not trust a request object changed later', () => {
      const body = [
        "  const params = { leadKey: { keyType: 'EMAIL', keyValue: 'a@b.c' } };",
        '  client.getLead(params, first);',
        "  params.leadKey.keyType = 'IDNUM';",
        '  client.getLead(params, second);',
      ].join('\n');
      const result = migrateSource(wrap(body), options('mutated.js'));
      expect(result.output).not.toContain("filterType: 'email'");
      expect(result.report.markers).toHaveLength(2);
    });

    it('leaves a local object with the same method name alone', () => {
      const source =
        'const x = { getLead: function () {} };\nx.getLead({ leadKey: 1 }, () => {});\n';
      const result = migrateSource(source, options('local.js'));
      expect(result.changed).toBe(false);
      expect(result.output).toBe(source);
    });

    it('strips a service and port of another WSDL', () => {
      const result = migrateSource(
        wrap(
          "  client.MktowsApiService.MktowsApiSoap.getLead({ leadKey: { keyType: 'EMAIL', keyValue: e } }, done);",
        ),
        options('port.js'),
      );
      expect(result.output).toContain(
        "toCallback(client.getLeadsByFilterType({ filterType: 'email'",
      );
      expect(result.output).not.toContain('MktowsApiSoap');
    });

    it('takes the callback before node-soap options', () => {
      const result = migrateSource(
        wrap(
          "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (e, r) => done(e, r.result.count), { timeout: 5000 });",
        ),
        options('options.js'),
      );
      expect(result.output).toContain(
        'toCallback(client.getLeadById(1).then(requireLeadFound), (e, r) => done(e, r.result.length))',
      );
      expect(result.report.markers.map((marker) => marker.message).join('\n')).toContain(
        'options and extra headers',
      );
    });

    it('rewrites the fault string under the envelope', () => {
      const body =
        "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (e, r) => { if (e) return log(e.root.Envelope.Body.Fault.faultstring); done(r.result.count); });";
      const result = migrateSource(wrap(body), options('fault.js'));
      expect(result.output).toContain('log(e.message)');
      const envelope = migrateSource(
        wrap(body.replace('Fault.faultstring', 'Fault.detail')),
        options('fault.js'),
      );
      expect(envelope.report.markers.map((marker) => marker.message).join('\n')).toContain(
        'SOAP fault field',
      );
    });

    it('reports a credential in the node-soap options', () => {
      const source = [
        "const soap = require('soap');",
        "soap.createClient(url, { wsdl_headers: { Authorization: 'Basic ' + Buffer.from('apiuser:hunter2hunter2').toString('base64') } }, (err, client) => {",
        "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (e, r) => done(e, r.result.count));",
        '});',
        '',
      ].join('\n');
      const result = migrateSource(source, options('options-secret.js'));
      expect(result.output).not.toContain('hunter2hunter2');
      expect(result.report.secrets).toHaveLength(1);
      expect(result.report.secrets[0]?.line).toBe(2);
    });

    it('drops a fault guard inside a longer condition', () => {
      const body =
        "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (err, r) => { if (err && err.root && err.root.Envelope.Body.Fault.detail.serviceException.code === '20103') return done(null, null); done(err, r && r.result.count); });";
      const result = migrateSource(wrap(body), options('guard.js'));
      expect(result.output).toContain("if (err && err.soapCode === '20103')");
      expect(result.report.markers).toHaveLength(0);
    });

    it('gives a marker its own line in a one-line block', () => {
      const source =
        "class Svc {\n  get(id, cb) { this.c.getLead({ leadKey: { keyType: 'LEADOWNEREMAIL', keyValue: id } }, cb); }\n}\n";
      const result = migrateSource(source, options('block.js'));
      const lines = result.output.split('\n');
      const marker = lines.findIndex((line) => line.includes('MARKETO-MIGRATE:'));
      expect(lines[marker]?.trim().startsWith('// MARKETO-MIGRATE:')).toBe(true);
      expect(lines[marker + 1]?.trim().startsWith('this.c.getLead(')).toBe(true);
      expect(migrateSource(result.output, options('block.js')).changed).toBe(false);
    });
  });
});
