import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTURE_LIMITS, RATINGS, type EventDetail } from '../../shared/capture';
import { FieldError } from '../../components/FieldError';
import { useLabels } from '../../lib/use-label';
import type { CaptureFormState } from './capture-form';
import { productLabel } from './product-label';

interface CaptureFormProps {
  form: CaptureFormState;
  onChange: (form: CaptureFormState) => void;
  event: EventDetail;
  content: { versionId: string; title: string; version: number }[];
  error: unknown;
  firstField: RefObject<HTMLInputElement | null>;
}

/**
 * The visitor's details in the order a business card reads, so Tab walks it without a
 * mouse. Every field's refusal shows next to it.
 */
export function CaptureForm({ form, onChange, event, content, error, firstField }: CaptureFormProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const set = <K extends keyof CaptureFormState>(key: K, value: CaptureFormState[K]) =>
    onChange({ ...form, [key]: value });
  const text = (
    key:
      | 'familyName'
      | 'givenName'
      | 'familyKana'
      | 'givenKana'
      | 'company'
      | 'companyKana'
      | 'title'
      | 'department'
      | 'emails'
      | 'phones',
    max: number,
  ) => ({
    name: key,
    value: form[key],
    maxLength: max * (key === 'emails' || key === 'phones' ? CAPTURE_LIMITS.listItems : 1),
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const error$ = (field: string) => <FieldError error={error} field={field} prefix="fields." />;
  const question = (id: string) => form.answers[id];

  return (
    <div className="capture-form">
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('capture.familyName')}</span>
          <input ref={firstField} {...text('familyName', CAPTURE_LIMITS.name)} autoComplete="off" autoFocus />
          {error$('familyName')}
        </label>
        <label className="field">
          <span className="field-label">{t('capture.givenName')}</span>
          <input {...text('givenName', CAPTURE_LIMITS.name)} autoComplete="off" />
          {error$('givenName')}
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('capture.familyKana')}</span>
          <input {...text('familyKana', CAPTURE_LIMITS.name)} autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">{t('capture.givenKana')}</span>
          <input {...text('givenKana', CAPTURE_LIMITS.name)} autoComplete="off" />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('capture.company')}</span>
          <input {...text('company', CAPTURE_LIMITS.company)} autoComplete="off" />
          {error$('company')}
        </label>
        <label className="field">
          <span className="field-label">{t('capture.companyKana')}</span>
          <input {...text('companyKana', CAPTURE_LIMITS.company)} autoComplete="off" />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('capture.title')}</span>
          <input {...text('title', CAPTURE_LIMITS.title)} autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">{t('capture.department')}</span>
          <input {...text('department', CAPTURE_LIMITS.title)} autoComplete="off" />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('capture.emails')}</span>
          <input
            {...text('emails', CAPTURE_LIMITS.email)}
            type="text"
            inputMode="email"
            autoComplete="off"
            placeholder={t('capture.emailsHint')}
          />
          {error$('emails')}
        </label>
        <label className="field">
          <span className="field-label">{t('capture.phones')}</span>
          <input {...text('phones', CAPTURE_LIMITS.phone)} type="text" inputMode="tel" autoComplete="off" />
          {error$('phones')}
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('capture.address')}</span>
        <textarea name="address" rows={2} value={form.address} onChange={(e) => set('address', e.target.value)} />
        {error$('addressLines')}
      </label>

      {event.products.length > 0 && (
        <fieldset className="field">
          <legend className="field-label">{t('capture.interests')}</legend>
          <div className="chips">
            {event.products.map((product) => (
              <label key={product} className={form.interests.includes(product) ? 'chip checked' : 'chip'}>
                <input
                  type="checkbox"
                  checked={form.interests.includes(product)}
                  onChange={(e) =>
                    set(
                      'interests',
                      e.target.checked ? [...form.interests, product] : form.interests.filter((p) => p !== product),
                    )
                  }
                />
                {productLabel(i18n, product)}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {event.questions.length > 0 && (
        <fieldset className="field questions">
          <legend className="field-label">{t('capture.questions')}</legend>
          {event.questions.map((q) => {
            const label = labels.language === 'ja' ? q.labelJa : q.labelEn;
            const value = question(q.id);
            const answer = (next: string | string[] | number | undefined) => {
              const answers = { ...form.answers };
              if (next === undefined || next === '' || (Array.isArray(next) && next.length === 0)) delete answers[q.id];
              else answers[q.id] = next;
              set('answers', answers);
            };
            return (
              <div key={q.id} className="question">
                <span className="question-label">{label}</span>
                {q.kind === 'text' && (
                  <input
                    aria-label={label}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(e) => answer(e.target.value)}
                  />
                )}
                {q.kind === 'single' && (
                  <select
                    aria-label={label}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(e) => answer(e.target.value)}
                  >
                    <option value="">—</option>
                    {q.options.map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))}
                  </select>
                )}
                {q.kind === 'multi' && (
                  <div className="chips">
                    {q.options.map((option) => {
                      const chosen = Array.isArray(value) ? value : [];
                      return (
                        <label key={option} className={chosen.includes(option) ? 'chip checked' : 'chip'}>
                          <input
                            type="checkbox"
                            checked={chosen.includes(option)}
                            onChange={(e) =>
                              answer(e.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option))
                            }
                          />
                          {option}
                        </label>
                      );
                    })}
                  </div>
                )}
                {q.kind === 'rating' && (
                  <div className="segmented" role="radiogroup" aria-label={label}>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <label key={n} className={value === n ? 'segment checked' : 'segment'}>
                        <input type="radio" name={`q-${q.id}`} checked={value === n} onChange={() => answer(n)} />
                        {n}
                      </label>
                    ))}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      )}

      <div className="field-row">
        <fieldset className="field">
          <legend className="field-label">{t('capture.rating')}</legend>
          <div className="segmented" role="radiogroup" aria-label={t('capture.rating')}>
            {RATINGS.map((rating) => (
              <label key={rating} className={form.rating === rating ? `segment checked rating-${rating}` : 'segment'}>
                <input
                  type="radio"
                  name="rating"
                  value={rating}
                  checked={form.rating === rating}
                  onChange={() => set('rating', rating)}
                />
                {t(`capture.ratings.${rating}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">{t('capture.consent')}</legend>
          <label className="check">
            <input
              type="checkbox"
              name="consentGiven"
              checked={form.consent.given}
              onChange={(e) =>
                set('consent', {
                  given: e.target.checked,
                  method: e.target.checked ? (form.consent.method ?? 'checkbox') : null,
                })
              }
            />
            {t('capture.consentGiven')}
          </label>
          {form.consent.given && (
            <div className="segmented small">
              {(['checkbox', 'verbal'] as const).map((method) => (
                <label key={method} className={form.consent.method === method ? 'segment checked' : 'segment'}>
                  <input
                    type="radio"
                    name="consentMethod"
                    checked={form.consent.method === method}
                    onChange={() => set('consent', { given: true, method })}
                  />
                  {t(`capture.consentMethod.${method}`)}
                </label>
              ))}
            </div>
          )}
          <span className="field-hint" title={event.consentText}>
            {t('capture.consentLine', { version: event.consentVersion, text: event.consentText })}
          </span>
          {error$('consent')}
        </fieldset>
      </div>

      <label className="check">
        <input
          type="checkbox"
          name="cardGiven"
          checked={form.cardGiven}
          onChange={(e) => set('cardGiven', e.target.checked)}
        />
        {t('capture.cardGiven')}
      </label>

      <fieldset className="field">
        <legend className="field-label">{t('capture.followUp')}</legend>
        <div className="segmented">
          {(['none', 'content', 'meeting'] as const).map((kind) => (
            <label key={kind} className={form.followUp.kind === kind ? 'segment checked' : 'segment'}>
              <input
                type="radio"
                name="followUpKind"
                checked={form.followUp.kind === kind}
                onChange={() =>
                  set('followUp', {
                    kind,
                    contentVersionIds: kind === 'content' ? form.followUp.contentVersionIds : [],
                  })
                }
              />
              {t(`capture.followUpKind.${kind}`)}
            </label>
          ))}
        </div>
        {form.followUp.kind === 'content' && (
          <select
            multiple
            aria-label={t('capture.followUpContent')}
            className="content-picker"
            value={form.followUp.contentVersionIds}
            onChange={(e) =>
              set('followUp', {
                kind: 'content',
                contentVersionIds: [...e.target.selectedOptions].map((o) => o.value).slice(0, 10),
              })
            }
          >
            {content.map((item) => (
              <option key={item.versionId} value={item.versionId}>
                {t('capture.contentOption', { title: item.title, version: item.version })}
              </option>
            ))}
          </select>
        )}
        {error$('followUp')}
      </fieldset>

      <label className="field">
        <span className="field-label">
          {t('capture.notes')}{' '}
          <span className={form.notes.length > CAPTURE_LIMITS.notes ? 'counter over' : 'counter'}>
            {form.notes.length} / {CAPTURE_LIMITS.notes}
          </span>
        </span>
        <textarea name="notes" rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        {error$('notes')}
      </label>
    </div>
  );
}
