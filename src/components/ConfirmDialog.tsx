import { useTranslation } from 'react-i18next';
import { GeneralError } from './FieldError';
import { ModalDialog } from './ModalDialog';

interface ConfirmDialogProps {
  title: string;
  body: string;
  /** The button that does it, e.g. "Delete event". */
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Asks before something that cannot be undone (deleting, signing out), in the app's own
 * dialog and language. Cancel has the focus, so Enter alone changes nothing; a refusal
 * (unsynced work, say) is shown here, where the rep is looking.
 */
export function ConfirmDialog({ title, body, confirmLabel, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog labelledBy="confirm-title" onClose={onClose}>
      <div className="dialog-form">
        <h2 id="confirm-title">{title}</h2>
        <p>{body}</p>
        <GeneralError error={error} />
        <div className="dialog-actions">
          {/* While it runs, the answer decides what happens next: Cancel would only hide it. */}
          <button type="button" className="button" onClick={onClose} disabled={pending} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="button danger" onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
