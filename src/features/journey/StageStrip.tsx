import { useTranslation } from 'react-i18next';
import type { Stage } from '../../shared/domain';
import { useLabels } from '../../lib/use-label';

interface StageStripProps {
  stages: Stage[];
  currentCode: string;
  counts: Map<string, number>;
  selected: string | null;
  onSelect: (code: string | null) => void;
}

/**
 * The customer's buying process left to right: stages passed, the current one, those
 * ahead, each with its touchpoint count. Clicking a stage filters the timeline to it.
 */
export function StageStrip({ stages, currentCode, counts, selected, onSelect }: StageStripProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const currentPosition = stages.find((stage) => stage.code === currentCode)?.position ?? 0;
  return (
    <ol className="stage-strip" aria-label={t('journey.stageStrip')}>
      {stages.map((stage) => {
        const state =
          stage.position < currentPosition ? 'done' : stage.position === currentPosition ? 'current' : 'ahead';
        const isSelected = selected === stage.code;
        return (
          <li key={stage.code} className={`stage-step ${state}${isSelected ? ' selected' : ''}`}>
            <button
              type="button"
              aria-pressed={isSelected}
              aria-current={state === 'current' ? 'step' : undefined}
              title={state === 'current' ? t('journey.currentStage') : undefined}
              onClick={() => onSelect(isSelected ? null : stage.code)}
            >
              <span className="stage-name">{labels.stage(stage, stage.code)}</span>
              <span className="stage-count">{t('journey.touchpoints', { count: counts.get(stage.code) ?? 0 })}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
