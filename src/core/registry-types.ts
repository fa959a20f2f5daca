/** Description of one transform, as `list` prints it. */
export interface TransformInfo {
  /** Name used with `--transform`: the SOAP operation as the WSDL spells it, or `client`. */
  name: string;
  /** The SOAP operation it rewrites, or null for client setup. */
  soapOperation: string | null;
  /** REST endpoints the rewritten code calls, as `METHOD /path`. */
  restEndpoints: string[];
  /** One sentence on what the transform does. */
  summary: string;
}
