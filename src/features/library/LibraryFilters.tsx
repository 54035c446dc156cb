import { useTranslation } from 'react-i18next';
import { ContentKind } from '../../shared/domain';
import { useLibraryFacets } from '../../lib/api/content-queries';
import { useStages } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';

export interface LibraryFilterValues {
  stage: string;
  industry: string;
  role: string;
  product: string;
  language: string;
  kind: string;
  presentableOnly: boolean;
}

export const NO_FILTERS: LibraryFilterValues = {
  stage: '',
  industry: '',
  role: '',
  product: '',
  language: '',
  kind: '',
  presentableOnly: false,
};

interface LibraryFiltersProps {
  value: LibraryFilterValues;
  onChange: (value: LibraryFilterValues) => void;
}

/** Buying stage, industry, role, product, language and type, each a select of what the library holds. */
export function LibraryFilters({ value, onChange }: LibraryFiltersProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const stages = useStages();
  const facets = useLibraryFacets().data;
  const stageByCode = new Map(stages.data?.map((stage) => [stage.code, stage]));
  const select = (
    key: 'stage' | 'industry' | 'role' | 'product' | 'language' | 'kind',
    options: string[],
    label: (code: string) => string,
  ) => (
    <label className="filter">
      <span className="filter-label">{t(`library.${key}`)}</span>
      <select
        value={value[key]}
        onChange={(event) => onChange({ ...value, [key]: event.target.value })}
        data-testid={`filter-${key}`}
      >
        <option value="">{t('library.any')}</option>
        {options.map((code) => (
          <option key={code} value={code}>
            {label(code)}
          </option>
        ))}
      </select>
    </label>
  );
  const active = Object.entries(value).some(([, v]) => v !== '' && v !== false);
  return (
    <div className="library-filters" role="group" aria-label={t('library.filters')}>
      {select('stage', facets?.stages ?? [], (code) => labels.stage(stageByCode.get(code), code))}
      {select('industry', facets?.industries ?? [], labels.industry)}
      {select('role', facets?.roles ?? [], (code) => labels.role(code))}
      {select('product', facets?.products ?? [], (code) => t(`product.${code}`, { defaultValue: code }))}
      {select('language', facets?.languages ?? [], (code) => t(`languageName.${code}`, { defaultValue: code }))}
      {select('kind', facets?.kinds ?? ContentKind.options, (code) => t(`contentKind.${code}`))}
      <label className="check filter-check">
        <input
          type="checkbox"
          checked={value.presentableOnly}
          onChange={(event) => onChange({ ...value, presentableOnly: event.target.checked })}
        />
        {t('library.presentableOnly')}
      </label>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)}>
          {t('library.clearFilters')}
        </button>
      )}
    </div>
  );
}
