/** A priced option: its line items (quantity, unit, dollars, the price that made them) and total. */
import type { PriceBook } from './price-table';

export interface LineItem {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
  /** Price table id the amount comes from. */
  price: string;
}

export interface OptionCost {
  id: string;
  label: string;
  items: LineItem[];
  total: number;
  notes: string[];
}

/**
 * Builds one option's bill: each added quantity is priced by its price table entry. Several lines
 * may share a price: each is priced at the margin, so tiers and free allowances apply once to
 * their sum, as on an AWS bill.
 */
export class Bill {
  private readonly items: LineItem[] = [];
  private readonly used = new Map<string, number>();
  readonly notes: string[] = [];

  constructor(
    private readonly book: PriceBook,
    private readonly freeTier: boolean,
  ) {}

  /** Adds a line item; `item` overrides the price table's description. Zero quantities are left out. */
  add(price: string, quantity: number, item?: string): this {
    if (!(quantity > 0)) return this;
    const entry = this.book.entry(price);
    const before = this.used.get(price) ?? 0;
    this.used.set(price, before + quantity);
    const usd = this.book.cost(price, before + quantity, this.freeTier) - this.book.cost(price, before, this.freeTier);
    this.items.push({ service: entry.service, item: item ?? entry.item, quantity, unit: entry.unit, usd, price });
    return this;
  }

  note(text: string): this {
    this.notes.push(text);
    return this;
  }

  done(id: string, label: string): OptionCost {
    return { id, label, items: this.items, total: this.items.reduce((n, i) => n + i.usd, 0), notes: this.notes };
  }
}
