import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat } from '../../shared/i18n/format';
import { asDefinition, nextSteps } from '../../shared/procedure/definition';
import { ProcedureQuery } from '../../shared/procedure/procedure.graphql';
import type { CaseDetail } from './case.graphql';

/** The stage each track is in, what it means, and who takes the next step (from the procedure). */
export function CaseNextStep({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const [{ data }] = useQuery({
    query: ProcedureQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const definition = asDefinition(data?.procedure.definition);
  const steps = definition && !kase.closed ? nextSteps(definition, kase.stages) : [];
  const yours = kase.availableActions.some((action) => action.id !== 'withdraw');
  return (
    <section aria-labelledby="case-next-step" className="card">
      <h2 id="case-next-step">{t('nextStep.title')}</h2>
      {kase.closed ? <p>{t('nextStep.closed')}</p> : null}
      {steps.map((step) => {
        const others = step.roles.filter((role) => role !== 'client' && role !== 'confidant');
        return (
          <div key={step.stage.nl} className="next-step">
            <h3>{format.label(step.stage)}</h3>
            {step.description ? <p>{format.label(step.description)}</p> : null}
            <p>
              {others.length > 0
                ? t('nextStep.who', {
                    roles: others.map((role) => t(`roles.${role}`, { ns: 'common' })).join(', '),
                  })
                : t('nextStep.waiting')}
            </p>
            {yours ? <p>{t('nextStep.you')}</p> : null}
          </div>
        );
      })}
    </section>
  );
}
