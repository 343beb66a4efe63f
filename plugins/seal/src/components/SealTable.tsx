import { useNavigate } from 'react-router-dom';
import { Table, TableBody, TableCell, TableRow } from '@material-ui/core';
import type { Seal } from '@yinxin/plugin-seal-common';
import { dayOf, EmptyNote, HeadRow, shortRef, StatusChip, useLabel, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS, SEAL_TONES } from '../labels';
import { SealImage, picturePath } from './SealImage';

/**
 * Seals as a table with their impressions; a row opens the seal under `base`
 * (`/seal/applications` or `/seal/registry`). Applications show who applied and when, the
 * registry the seal code and validity.
 */
export function SealTable(props: { items: readonly Seal[]; base: string; variant: 'applications' | 'registry'; testId: string }) {
  const t = useT(messages);
  const label = useLabel();
  const navigate = useNavigate();
  if (props.items.length === 0) {
    return <EmptyNote text={t('noSeals')} testId={`${props.testId}-empty`} />;
  }
  const registry = props.variant === 'registry';
  return (
    <Table size="small" data-testid={props.testId}>
      <HeadRow
        cells={
          registry
            ? [t('template'), t('esId'), t('sealName'), t('sealType'), t('ownerName'), t('keyMode'), t('validEnd'), t('status')]
            : [t('template'), t('sealName'), t('sealType'), t('ownerName'), t('keyMode'), t('createdBy'), t('createdAt'), t('status')]
        }
      />
      <TableBody>
        {props.items.map(s => (
          <TableRow key={s.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`${props.base}/${s.id}`)} data-testid="seal-row" data-name={s.name} data-status={s.status}>
            <TableCell>
              <SealImage path={picturePath(s.id)} size={48} alt={s.name} />
            </TableCell>
            {registry && <TableCell style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{s.esId ?? '—'}</TableCell>}
            <TableCell>{s.name}</TableCell>
            <TableCell>{label(LABELS.sealType[s.type])}</TableCell>
            <TableCell>{s.ownerName}</TableCell>
            <TableCell>{label(LABELS.keyModeShort[s.keyMode])}</TableCell>
            {registry ? <TableCell style={{ whiteSpace: 'nowrap' }}>{dayOf(s.validEnd)}</TableCell> : <TableCell>{shortRef(s.createdBy)}</TableCell>}
            {!registry && <TableCell style={{ whiteSpace: 'nowrap' }}>{when(s.createdAt)}</TableCell>}
            <TableCell>
              <StatusChip status={s.status} label={label(LABELS.sealStatus[s.status])} tones={SEAL_TONES} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
