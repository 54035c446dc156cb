import { useTranslation } from 'react-i18next';
import { useFacets, useStages } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';

export interface AccountFilterValues {
  stageCode: string;
  territory: string;
  industry: string;
}

interface AccountFiltersProps {
  value: AccountFilterValues;
  onChange: (value: AccountFilterValues) => void;
}

export function AccountFilters({ value, onChange }: AccountFiltersProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const stages = useStages();
  const facets = useFacets();
  const active = value.stageCode !== '' || value.territory !== '' || value.industry !== '';
  return (
    <div className="filters">
      <select
        aria-label={t('accounts.filterStage')}
        value={value.stageCode}
        onChange={(event) => onChange({ ...value, stageCode: event.target.value })}
      >
        <option value="">{t('accounts.filterStage')}</option>
        {stages.data?.map((stage) => (
          <option key={stage.code} value={stage.code}>
            {labels.stage(stage, stage.code)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('accounts.filterTerritory')}
        value={value.territory}
        onChange={(event) => onChange({ ...value, territory: event.target.value })}
      >
        <option value="">{t('accounts.filterTerritory')}</option>
        {facets.data?.territories.map((territory) => (
          <option key={territory} value={territory}>
            {labels.territory(territory)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('accounts.filterIndustry')}
        value={value.industry}
        onChange={(event) => onChange({ ...value, industry: event.target.value })}
      >
        <option value="">{t('accounts.filterIndustry')}</option>
        {facets.data?.industries.map((industry) => (
          <option key={industry} value={industry}>
            {labels.industry(industry)}
          </option>
        ))}
      </select>
      {active && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ stageCode: '', territory: '', industry: '' })}
        >
          {t('accounts.clearFilters')}
        </button>
      )}
    </div>
  );
}
