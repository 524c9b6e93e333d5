import type { CustomerRiskLevel, ProductRiskLevel, WealthProduct } from '../store/types.ts';

/** A risk assessment older than this must be redone before products are suggested (regulators: at most yearly). */
export const ASSESSMENT_VALID_DAYS = 365;

/** Whether a Cn customer may be offered an Rm product: only when m ≤ n. */
export function isSuitable(customer: CustomerRiskLevel, product: ProductRiskLevel): boolean {
  return Number(product.slice(1)) <= Number(customer.slice(1));
}

/**
 * Products a customer may be offered, riskiest suitable first (closest to what the customer can bear), then by
 * minimum amount. Never returns a product above the customer's level — the rule behind every suggestion.
 */
export function suitableProducts(level: CustomerRiskLevel, products: WealthProduct[]): WealthProduct[] {
  return products
    .filter((product) => isSuitable(level, product.risk))
    .sort((a, b) => b.risk.localeCompare(a.risk) || a.min_amount - b.min_amount);
}

/** Whether an assessment done at `assessedAt` still holds at `now`. */
export function assessmentValid(assessedAt: string | null, now: string): boolean {
  if (!assessedAt) return false;
  return Date.parse(now) - Date.parse(assessedAt) <= ASSESSMENT_VALID_DAYS * 86_400_000;
}
