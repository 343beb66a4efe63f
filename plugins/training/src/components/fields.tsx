import { Box, Chip, Typography } from '@material-ui/core';
import { StatusChip, useLabel, useT } from '@yinxin/ops-react';
import { LABELS, type Audience, type TrainerCheck, type Topic } from '@yinxin/plugin-training-common';
import { messages } from '../messages';

/** Audiences and topics as small chips. */
export function LabelChips(props: { audiences?: readonly Audience[]; topics?: readonly Topic[] }) {
  const label = useLabel();
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {(props.topics ?? []).map(x => (
        <Chip key={x} size="small" color="primary" variant="outlined" label={label(LABELS.topic[x])} />
      ))}
      {(props.audiences ?? []).map(x => (
        <Chip key={x} size="small" variant="outlined" label={label(LABELS.audience[x])} />
      ))}
    </Box>
  );
}

/** The result of the contract check of a trainer: 符合要求, or the requirements not met. */
export function TrainerCheckView(props: { check: TrainerCheck; testId?: string }) {
  const t = useT(messages);
  const label = useLabel();
  const { check } = props;
  return (
    <Box data-testid={props.testId} data-qualified={String(check.qualified)}>
      <StatusChip status={check.qualified ? 'valid' : 'invalid'} label={check.qualified ? t('qualified') : t('notQualified')} />
      {!check.qualified && check.failures.length > 0 && (
        <Typography variant="caption" display="block" color="error">
          {t('notMet', { list: check.failures.map(f => label(LABELS.trainerRequirement[f])).join(label({ zh: '；', en: '; ' })) })}
        </Typography>
      )}
    </Box>
  );
}
