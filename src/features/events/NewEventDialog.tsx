import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualificationQuestion } from '../../shared/capture';
import { call } from '../../lib/api/client';
import { FieldError, GeneralError } from '../../components/FieldError';
import { toLocalInputValue } from '../../lib/format';
import { ModalDialog } from '../../components/ModalDialog';

interface NewEventDialogProps {
  onClose: () => void;
  onCreated: () => void;
}

/**
 * "Question | option, option" per line; "*" marks multiple choice, "#" a 1–5 rating,
 * no options free text. A plain-text format a rep can type at the venue without a form builder.
 */
export function parseQuestions(text: string): QualificationQuestion[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const kind = line.startsWith('*') ? 'multi' : line.startsWith('#') ? 'rating' : 'single';
      const [label = '', options = ''] = line.replace(/^[*#]\s*/, '').split('|');
      const choices = options
        .split(/[,、]/)
        .map((o) => o.trim())
        .filter(Boolean);
      return {
        id: `q${index + 1}`,
        kind: kind === 'single' && choices.length === 0 ? 'text' : kind,
        labelJa: label.trim(),
        labelEn: label.trim(),
        options: kind === 'rating' ? [] : choices,
      };
    });
}

/** Today where the rep is (toISOString would give the UTC date: yesterday in Tokyo's morning hours). */
const today = () => toLocalInputValue(Date.now()).slice(0, 10);

export function NewEventDialog({ onClose, onCreated }: NewEventDialogProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: '',
    venue: '',
    startsOn: today(),
    endsOn: today(),
    booth: '',
    consentText: '',
    consentVersion: 'v1',
    products: '',
    questions: '',
  });
  const create = useMutation({
    mutationFn: () =>
      call('events.create', {
        ...form,
        products: form.products
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
        questions: parseQuestions(form.questions),
      }),
    onSuccess: onCreated,
  });
  const field = (key: keyof typeof form) => ({
    value: form[key],
    name: key,
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [key]: event.target.value })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <ModalDialog labelledBy="new-event-title" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <h2 id="new-event-title">{t('events.newEvent')}</h2>
        <label className="field">
          <span className="field-label">{t('events.name')}</span>
          <input {...field('name')} autoFocus required maxLength={200} />
          <FieldError error={create.error} field="name" />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t('events.venue')}</span>
            <input {...field('venue')} maxLength={200} />
            <FieldError error={create.error} field="venue" />
          </label>
          <label className="field">
            <span className="field-label">{t('events.boothField')}</span>
            <input {...field('booth')} maxLength={50} />
            <FieldError error={create.error} field="booth" />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t('events.startsOn')}</span>
            <input type="date" {...field('startsOn')} />
            <FieldError error={create.error} field="startsOn" />
          </label>
          <label className="field">
            <span className="field-label">{t('events.endsOn')}</span>
            <input type="date" {...field('endsOn')} />
            <FieldError error={create.error} field="endsOn" />
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('events.consentText')}</span>
          <textarea rows={3} {...field('consentText')} />
          <FieldError error={create.error} field="consentText" />
        </label>
        <label className="field">
          <span className="field-label">{t('events.consentVersion')}</span>
          <input {...field('consentVersion')} maxLength={50} />
          <FieldError error={create.error} field="consentVersion" />
        </label>
        <label className="field">
          <span className="field-label">{t('events.products')}</span>
          <textarea rows={3} {...field('products')} />
          <FieldError error={create.error} field="products" />
        </label>
        <label className="field">
          <span className="field-label">{t('events.questions')}</span>
          <textarea rows={3} {...field('questions')} />
          <span className="field-hint">{t('events.questionsHint')}</span>
          <FieldError error={create.error} field="questions" />
        </label>
        <GeneralError error={create.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
