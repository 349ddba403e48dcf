import { describe, expect, it } from 'vitest';
import { ExpensiveRequestLimiter } from './concurrency';

describe('ExpensiveRequestLimiter', () => {
  it('refuses a principal past its slots, at once, and leaves other principals alone', () => {
    const limiter = new ExpensiveRequestLimiter(2);
    const first = limiter.acquire('ann');
    const second = limiter.acquire('ann');
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(limiter.acquire('ann')).toBeUndefined();
    expect(limiter.acquire('bob')).toBeDefined();
    first!();
    first!(); // a second release must not free a slot it does not hold
    expect(limiter.count('ann')).toBe(1);
    expect(limiter.acquire('ann')).toBeDefined();
    expect(limiter.acquire('ann')).toBeUndefined();
  });
});
