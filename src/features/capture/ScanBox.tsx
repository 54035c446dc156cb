import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../shared/capture';
import { call } from '../../lib/api/client';
import { errorText } from '../../lib/error-text';

interface ScanBoxProps {
  onScanned: (result: ScanResult) => void;
}

/** A scanner types fast and then stops; a paste arrives at once. Either way, parse after a short pause. */
const SETTLE_MS = 250;

/**
 * Where a QR/barcode scanner (acting as a keyboard) or a paste lands. The text is parsed
 * in the core; what it could not place is listed here so the rep can fix it by hand.
 */
export function ScanBox({ onScanned }: ScanBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ScanResult | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** False once the box is gone (the next visitor gets a new one): a late answer must not fill their form. */
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const [failure, setFailure] = useState<unknown>(null);

  const parse = (value: string) => {
    call('capture.parseScan', { text: value }).then(
      (parsed) => {
        if (!mounted.current) return;
        setFailure(null);
        setResult(parsed);
        onScanned(parsed);
      },
      // The core restarting, or a scan too long to read: said here; the form keeps what the rep typed.
      (error: unknown) => {
        if (!mounted.current) return;
        setResult(null);
        setFailure(error);
      },
    );
  };
  const refusal = failure ? errorText(t, failure) : null;

  return (
    <section className="panel scan-box" aria-labelledby="scan-title">
      <h2 id="scan-title">{t('capture.scan')}</h2>
      <textarea
        aria-labelledby="scan-title"
        data-testid="scan-input"
        rows={3}
        value={text}
        placeholder={t('capture.scanPlaceholder')}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          clearTimeout(timer.current);
          // Emptied: what the last scan said no longer applies to anything on screen.
          if (value.trim() === '') {
            setResult(null);
            setFailure(null);
          } else timer.current = setTimeout(() => parse(value), SETTLE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            clearTimeout(timer.current);
            setText('');
            setResult(null);
          }
        }}
      />
      {refusal && (
        <p className="field-error" role="alert">
          {refusal.text} <span className="error-code">({refusal.code})</span>
        </p>
      )}
      {result && (
        <div className="scan-result" data-testid="scan-result">
          {Object.keys(result.fields).length > 1 && (
            <p className="ok-text">{t('capture.scanApplied', { format: t(`capture.formats.${result.format}`) })}</p>
          )}
          {result.issues.length > 0 && (
            <>
              <p className="warning-text">{t('capture.scanIssues')}</p>
              <ul className="scan-issues">
                {result.issues.map((issue, index) => (
                  <li key={index}>
                    <strong>{t(`capture.issue.${issue.code}`)}</strong> <code>{issue.field}</code> {issue.value}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
