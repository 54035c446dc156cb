import { useEffect, useState } from 'react';

interface ClockProps {
  since: number;
  label: string;
  testId?: string;
}

function format(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** A running mm:ss timer (the presenter's private clock). */
export function Clock({ since, label, testId }: ClockProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="clock" data-testid={testId}>
      <span className="clock-label">{label}</span>
      <span className="clock-value">{format(now - since)}</span>
    </span>
  );
}
