/**
 * DECIMAL values: an exact unscaled BigInt and a scale (value = unscaled × 10^-scale).
 * Rounding is HALF_UP, as Java's BigDecimal.setScale(s, HALF_UP) does for CAST.
 */
export class Dec {
  constructor(readonly unscaled: bigint, readonly scale: number) {}

  static parse(text: string): Dec | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && !m[3])) return undefined;
    const frac = m[3] ?? '';
    let d = new Dec(BigInt(`${m[1]}${m[2] || '0'}${frac}`), frac.length);
    const exp = Number(m[4] ?? 0);
    if (exp > 0) d = new Dec(d.unscaled * 10n ** BigInt(exp), d.scale).rescale(Math.max(0, d.scale - exp));
    if (exp < 0) d = new Dec(d.unscaled, d.scale - exp);
    return d;
  }

  static fromNumber(n: number): Dec {
    return Dec.parse(String(n)) ?? new Dec(0n, 0);
  }

  static fromBigInt(n: bigint): Dec {
    return new Dec(n, 0);
  }

  /** The same value at another scale, rounding HALF_UP when digits are dropped. */
  rescale(scale: number): Dec {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Dec(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const div = 10n ** BigInt(this.scale - scale);
    const q = this.unscaled / div;
    const r = this.unscaled % div;
    const away = (r < 0n ? -r : r) * 2n >= div;
    return new Dec(away ? q + (this.unscaled < 0n ? -1n : 1n) : q, scale);
  }

  add(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return new Dec(this.rescale(s).unscaled + o.rescale(s).unscaled, s);
  }

  sub(o: Dec): Dec {
    return this.add(o.neg());
  }

  neg(): Dec {
    return new Dec(-this.unscaled, this.scale);
  }

  mul(o: Dec): Dec {
    return new Dec(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  /** Quotient at the larger of the operands' scales and 6 digits, rounded HALF_UP. */
  div(o: Dec): Dec {
    const scale = Math.max(this.scale, o.scale, 6);
    const num = this.unscaled * 10n ** BigInt(scale + o.scale - this.scale + 1);
    return new Dec(num / o.unscaled, scale + 1).rescale(scale);
  }

  mod(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return new Dec(this.rescale(s).unscaled % o.rescale(s).unscaled, s);
  }

  cmp(o: Dec): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.rescale(s).unscaled;
    const b = o.rescale(s).unscaled;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** Truncated toward zero, as Java's BigDecimal.longValue(). */
  toBigInt(): bigint {
    return this.unscaled / 10n ** BigInt(this.scale);
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** Plain notation with exactly `scale` fraction digits (BigDecimal.toPlainString). */
  toString(): string {
    const neg = this.unscaled < 0n;
    const digits = (neg ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const int = digits.slice(0, digits.length - this.scale);
    const frac = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : '';
    return `${neg ? '-' : ''}${int}${frac}`;
  }

  /** Digits before the point, for DECIMAL(p, s) overflow checks. */
  integerDigits(): number {
    const abs = this.toBigInt();
    return (abs < 0n ? -abs : abs).toString().replace(/^0$/, '').length;
  }
}
