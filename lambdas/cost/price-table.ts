/**
 * The price table (prices/price-table.json): every figure the cost model uses, keyed by region,
 * each with its unit, date and sources. Loading checks that every entry carries them, so a figure
 * without a source cannot slip into a bill.
 */
import { readFileSync } from 'node:fs';

export interface Tier {
  /** Cumulative upper bound of the tier, in the price's unit; null for the last, open tier. */
  upTo: number | null;
  usd: number;
}

export interface PriceEntry {
  service: string;
  item: string;
  unit: string;
  /** Price of `per` units. */
  usd: number;
  per: number;
  as_of: string;
  sources: string[];
  tiers?: Tier[];
  free?: { quantity: number; scope: string };
  note?: string;
}

export interface FigureEntry {
  what: string;
  value: number;
  unit: string;
  sources: string[];
  note?: string;
}

export interface PriceTable {
  title: string;
  currency: string;
  compiled: string;
  sources: Record<string, { url: string; kind: string; date: string }>;
  regions: Record<string, { prices: Record<string, PriceEntry>; figures: Record<string, FigureEntry> }>;
}

export class PriceError extends Error {}

const TABLE_URL = new URL('./prices/price-table.json', import.meta.url);

export function readPriceTable(): PriceTable {
  return JSON.parse(readFileSync(TABLE_URL, 'utf8')) as PriceTable;
}

/** One region's prices, checked, with the arithmetic every option uses to price a quantity. */
export class PriceBook {
  readonly region: string;
  private readonly prices: Record<string, PriceEntry>;
  private readonly figures: Record<string, FigureEntry>;

  constructor(readonly table: PriceTable, region: string) {
    const entry = table.regions[region];
    if (!entry) throw new PriceError(`no prices for region ${region} (have: ${Object.keys(table.regions).join(', ')})`);
    this.region = region;
    this.prices = entry.prices;
    this.figures = entry.figures;
    for (const [id, p] of Object.entries(this.prices)) this.check(id, p.sources, [p.unit, p.as_of], [p.usd, p.per]);
    for (const [id, f] of Object.entries(this.figures)) this.check(id, f.sources, [f.unit], [f.value]);
  }

  private check(id: string, sources: string[], texts: unknown[], numbers: unknown[]): void {
    const ok = sources?.length > 0 && sources.every((s) => this.table.sources[s]) && texts.every((t) => typeof t === 'string' && t) && numbers.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!ok) throw new PriceError(`price table entry ${id} lacks a unit, date, number or known source`);
  }

  entry(id: string): PriceEntry {
    const p = this.prices[id];
    if (!p) throw new PriceError(`no price ${id} in ${this.region}`);
    return p;
  }

  figure(id: string): number {
    const f = this.figures[id];
    if (!f) throw new PriceError(`no figure ${id} in ${this.region}`);
    return f.value;
  }

  /** The cost of `quantity` units: through the tiers, after the always-free allowance when it applies. */
  cost(id: string, quantity: number, freeTier: boolean): number {
    const p = this.entry(id);
    const billable = Math.max(0, quantity - (freeTier && p.free ? p.free.quantity : 0));
    return tieredCost(billable, p.tiers ?? [{ upTo: null, usd: p.usd }]) / p.per;
  }
}

/** Cost of a quantity through cumulative tiers, each tier's price applying to the units inside it. */
export function tieredCost(quantity: number, tiers: Tier[]): number {
  let cost = 0;
  let below = 0;
  for (const tier of tiers) {
    const top = tier.upTo ?? Infinity;
    if (quantity <= below) break;
    cost += (Math.min(quantity, top) - below) * tier.usd;
    below = top;
  }
  return cost;
}

export function loadPriceBook(region = 'us-east-1'): PriceBook {
  return new PriceBook(readPriceTable(), region);
}
