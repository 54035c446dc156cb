import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount, useAccountSearch } from '../../lib/api/queries';

interface AccountPickerProps {
  value: string | null;
  onChange: (accountId: string | null) => void;
  placeholder: string;
  label: string;
}

const SHOWN = 8;

/** Pick an account by typing (the same search as the account list); ↑/↓ and Enter work. */
export function AccountPicker({ value, onChange, placeholder, label }: AccountPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(query);
  const search = useAccountSearch({ query: deferred });
  const selected = useAccount(value ?? '');
  const results = (search.data?.pages[0]?.items ?? []).slice(0, SHOWN);

  if (value !== null) {
    return (
      <div className="account-picked">
        <span className="muted small">{label}</span>
        <strong data-testid="picked-account">{selected.data?.account.name ?? '…'}</strong>
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          {t('library.clearAccount')}
        </button>
      </div>
    );
  }

  const choose = (index: number) => {
    const account = results[index];
    if (!account) return;
    onChange(account.id);
    setQuery('');
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(results.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') choose(active);
    else if (event.key === 'Escape') setOpen(false);
    else return;
    event.preventDefault();
  };

  return (
    <div className="account-picker">
      <input
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="account-picker"
      />
      {open && results.length > 0 && (
        <ul id={listId} role="listbox" className="account-picker-list">
          {results.map((account, index) => (
            <li
              key={account.id}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(index);
              }}
            >
              <span>{account.name}</span>
              {account.nameKana && <span className="muted small"> {account.nameKana}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
