import { describe, expect, it } from 'vitest';
import aslValidator from 'asl-validator';
import { renderDefinition } from '../../lambdas/workflows/asl';
import { WORKFLOWS } from '../../lambdas/workflows/registry';

describe('workflow definitions', () => {
  it.each(WORKFLOWS.map((w) => [w.spec.name, w.spec] as const))('%s is valid ASL once its placeholders are filled', (_, spec) => {
    const arns = Object.fromEntries(Object.keys(spec.placeholders).map((p) => [p, 'arn:aws:lambda:us-east-1:123456789012:function:f']));
    const rendered = renderDefinition(spec.definition, arns);
    expect(JSON.stringify(rendered)).not.toMatch(/\$\{/);
    const { isValid, errors } = aslValidator(rendered as never);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });
});
