// --sarif: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for code-scanning
// dashboards. One rule per check; one result per finding, located at the route's line in the routes list or
// OpenAPI document (GitHub code scanning needs a physical location), with the URL as a logical location.
import { toolVersion } from '../../paths.ts';
import { ALL_CHECK_IDS, checkInfo, type AuditResult } from '../run.ts';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export function auditSarif(r: AuditResult): unknown {
  const results = r.cases
    .flatMap((c) => (c.finding ? [{ ...c, finding: c.finding }] : []))
    .map((c) => {
      const f = c.finding;
      const fix = f.verdict?.fix
        ? `${f.verdict.fix.backend}: ${f.verdict.fix.title}`
        : (f.verdict?.fixNote ?? checkInfo(c.check).fix);
      return {
        ruleId: c.check,
        ruleIndex: ALL_CHECK_IDS.indexOf(c.check),
        level: LEVEL[f.severity],
        message: {
          text: `${c.route.method} ${c.route.template} from ${c.origin}: ${f.cause ? `${f.cause}: ` : ''}${f.message}. Fix: ${fix}`,
        },
        locations: [
          {
            // An http(s) URL is never a file here: a document fetched by URL is located by its URL.
            physicalLocation: {
              artifactLocation: { uri: c.route.source.file.replace(/^\.\//, '') },
              region: { startLine: Math.max(1, c.route.source.line) },
            },
            logicalLocations: [
              {
                name: `${c.route.method} ${c.route.template}`,
                kind: 'function',
                fullyQualifiedName: new URL(c.route.path, r.base).href,
              },
            ],
          },
        ],
        partialFingerprints: { corsLensCase: `${c.check}|${c.route.method} ${c.route.template}|${c.origin}` },
      };
    });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cors-lens',
            version: toolVersion(),

            rules: ALL_CHECK_IDS.map((id) => {
              const info = checkInfo(id);
              return {
                id,
                name: id,
                shortDescription: { text: info.title },
                fullDescription: { text: info.risk },
                help: { text: info.fix },
              };
            }),
          },
        },
        results,
      },
    ],
  };
}
