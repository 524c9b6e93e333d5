/** A numeric command-line option, or an error that names it: `--think-ms abc` must not quietly become a closed loop. */
export function numberOption(values: Record<string, unknown>, name: string, min = 0): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${String(values[name])}"`);
  return value;
}
