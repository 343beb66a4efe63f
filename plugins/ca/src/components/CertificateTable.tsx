import { useNavigate } from 'react-router-dom';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import type { CertificateSummary } from '@yinxin/plugin-ca-common';
import { dayOf, StatusChip, useLabel, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS, shownStatus } from '../labels';
import { formatSerial } from '../refs';
import { daysUntil } from '../authorities';

/** Certificates as a table; a row opens the certificate. With `daysLeft`, a column counts down to expiry. */
export function CertificateTable(props: { items: readonly CertificateSummary[]; daysLeft?: boolean; testId?: string }) {
  const t = useT(messages);
  const label = useLabel();
  const navigate = useNavigate();
  if (props.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" style={{ padding: 16 }} data-testid={`${props.testId ?? 'certificate-table'}-empty`}>
        {t('noCertificates')}
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid={props.testId ?? 'certificate-table'}>
      <TableHead>
        <TableRow>
          <TableCell>{t('serial')}</TableCell>
          <TableCell>{t('subject')}</TableCell>
          <TableCell>{t('usage')}</TableCell>
          <TableCell>{t('algorithm')}</TableCell>
          <TableCell>{t('issuer')}</TableCell>
          <TableCell>{t('notAfter')}</TableCell>
          <TableCell>{t('status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(c => {
          const status = shownStatus(c);
          return (
            <TableRow key={c.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`/ca/certificates/${c.id}`)} data-testid="certificate-row" data-serial={c.serial}>
              <TableCell style={{ fontFamily: 'monospace', fontSize: 12 }} title={formatSerial(c.serial)}>
                {c.serial.slice(0, 16)}…
              </TableCell>
              <TableCell>{c.subjectName ?? c.subjectDn}</TableCell>
              <TableCell>{label(LABELS.usage[c.usage])}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{c.keyAlgorithm}</TableCell>
              <TableCell>{c.issuerName}</TableCell>
              <TableCell>
                {dayOf(c.notAfter)}
                {props.daysLeft && ` (${t('daysLeft', { n: daysUntil(c.notAfter) })})`}
              </TableCell>
              <TableCell>
                <StatusChip status={status} label={label(LABELS.certificateStatus[status])} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
