/**
 * The conversation's sentiment trajectory: one point per customer message (polarity −1…1), newest on the right,
 * red below zero and green above. Plain SVG — no chart library for 20 points.
 */
export function SentimentSparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return null;
  const width = 96;
  const height = 24;
  const points = values.slice(-20);
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * (width - 4) + 2);
  const y = (v: number) => height / 2 - Math.max(-1, Math.min(1, v)) * (height / 2 - 2);
  const last = points[points.length - 1];
  return (
    <svg className="sentiment-sparkline" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{label}</title>
      <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="#d4d4d8" strokeDasharray="2 2" />
      <polyline fill="none" stroke="#6366f1" strokeWidth={1.5} points={points.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
      <circle cx={x(points.length - 1)} cy={y(last)} r={2.5} fill={last < -0.1 ? '#dc2626' : last > 0.1 ? '#16a34a' : '#71717a'} />
    </svg>
  );
}
