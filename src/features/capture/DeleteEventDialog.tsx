import { useTranslation } from 'react-i18next';
import { GeneralError } from '../../components/FieldError';
import { ModalDialog } from '../../components/ModalDialog';

interface DeleteEventDialogProps {
  eventName: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before an event and its capture list are deleted; Cancel has the focus, so Enter alone deletes nothing. */
export function DeleteEventDialog({ eventName, pending, error, onConfirm, onClose }: DeleteEventDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog labelledBy="delete-event-title" onClose={onClose}>
      <div className="dialog-form">
        <h2 id="delete-event-title">{t('afterShow.deleteTitle', { name: eventName })}</h2>
        <p>{t('afterShow.deleteConfirm')}</p>
        <GeneralError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="button danger" onClick={onConfirm} disabled={pending}>
            {t('afterShow.deleteEvent')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
