/**
 * cdk-nag's AwsSolutions pack against the synthesized stack, on every edge (`-c edge=…`): no
 * finding may stand unless lib/nag-acknowledgements.ts accepts it with a reason, and every
 * acknowledgement must still be needed (an acknowledgement whose finding went away is a reason
 * nobody checks any more).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunnelStack } from '../../lib/runnel-stack';
import { EDGE_NAMES, EDGES, type Edge } from '../../lambdas/cost/edges';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

const outdirs: string[] = [];

/** Synthesizes the stack with the pack; returns what it reported and what the stack acknowledged. */
function nag(edge: Edge) {
  const outdir = mkdtempSync(join(tmpdir(), 'runnel-nag-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new RunnelStack(app, 'Nag', { env: { account: '123456789012', region: 'us-east-1' }, edge });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  // Each acknowledgement is recorded as { 'Annotation::<rule id>': reason }.
  const acknowledged = stack.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>))
    .map(([key, reason]) => ({ id: key.replace(/^Annotation::/, ''), reason }));
  return {
    error,
    acknowledged,
    violations: report.pluginReports.flatMap((p: { violations: Violation[] }) => p.violations) as Violation[],
    template: () => Template.fromJSON(JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8'))),
  };
}

afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(EDGE_NAMES)('cdk-nag AwsSolutions, edge %s', (edge) => {
  let violations: Violation[] = [];
  let synthError: unknown;
  let acknowledged: { id: string; reason: string }[] = [];
  let unacknowledged: Violation[] = [];
  let template: Template;
  beforeAll(() => {
    const run = nag(edge);
    ({ violations, error: synthError, acknowledged } = run);
    template = run.template();
    // The same stack with its acknowledgements ignored: what the pack finds on its own.
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    try {
      unacknowledged = nag(edge).violations;
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it('finds nothing that is not acknowledged with a reason', () => {
    const open = violations.map((v) => `${v.ruleName} (${v.severity}): ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    expect(open).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it('acknowledges only findings the pack actually makes, each with a reason', () => {
    const found = new Set(unacknowledged.map((v) => v.ruleName));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((a) => !found.has(a.id)).map((a) => a.id)).toEqual([]);
    expect(acknowledged.filter((a) => a.reason.length < 40).map((a) => a.id)).toEqual([]);
  });

  it('keeps the hardening the pack asked for', () => {
    template.allResourcesProperties('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect(actions.filter((a: string) => /^s3:Delete/.test(a))).toEqual([]);
    // A flood is bounded: by the throttled API stage, or where there is none by the front function's reserved concurrency.
    if (EDGES[edge].apiGateway) template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 } });
    else template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 100 });
  });

  it('keeps secrets out of function environments', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const vars = fn.Properties.Environment?.Variables ?? {};
      for (const [name, value] of Object.entries(vars)) {
        expect(name).not.toMatch(/SECRET|PASSWORD|TOKEN/i);
        if (typeof value === 'string') expect(value).not.toMatch(/^[A-Za-z0-9+/]{40}$/);
      }
    }
  });
});
