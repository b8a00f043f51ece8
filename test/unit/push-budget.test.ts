import { describe, expect, it } from 'vitest';
import { PushBudget } from '../../lambdas/kinesis/domain/push-budget';

const MIB = 1024 * 1024;

describe('the enhanced fan-out push budget', () => {
  it("lets a second's worth go at once, then refills at the rate and never holds more than a second's worth", () => {
    const budget = new PushBudget(2 * MIB, 0);
    expect(budget.available(0)).toBe(2 * MIB);
    expect(budget.waitMs(2 * MIB, 0)).toBe(0);
    budget.charge(2 * MIB, 0);
    expect(budget.waitMs(MIB, 0)).toBe(500);
    expect(budget.available(250)).toBe(MIB / 2);
    expect(budget.available(60_000)).toBe(2 * MIB);
  });

  it('sends a record larger than the bucket once the bucket is full, and makes the next event wait out the debt', () => {
    const budget = new PushBudget(2 * MIB, 0);
    budget.charge(MIB, 0);
    expect(budget.waitMs(5 * MIB, 0)).toBe(500);
    budget.charge(5 * MIB, 500);
    expect(budget.available(500)).toBe(1);
    expect(budget.waitMs(1, 500)).toBe(1501); // 3 MiB of debt and one byte, at 2 MiB/s
  });

  it("keeps any window's pushes within one burst plus the rate", () => {
    const budget = new PushBudget(1000, 0);
    let sent = 0;
    for (let now = 0; now <= 10_000; now += 7) {
      const size = 1 + ((now * 31) % 400);
      if (budget.waitMs(size, now) === 0) {
        budget.charge(size, now);
        sent += size;
      }
    }
    expect(sent).toBeLessThanOrEqual(1000 + 10 * 1000);
    expect(sent).toBeGreaterThan(9 * 1000);
  });
});
