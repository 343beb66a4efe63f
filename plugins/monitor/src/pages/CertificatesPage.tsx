import { Link as RouterLink } from 'react-router-dom';
import { Box, Chip, Grid, Link, Table, TableBody, TableCell, TableRow, Tooltip, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { HeadRow, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import type { CertificateExpiry } from '@yinxin/plugin-monitor-common';
import { messages, MessageId } from '../messages';
import { EXPIRY_COLOURS, ExpiryStrip, ExpiryTone, expiryMonths, expiryStrip, expiryTone } from '../expiry';
import { targetPath } from './WallPage';

const TONE_IDS: Record<ExpiryTone, MessageId> = { expired: 'toneExpired', soon: 'toneSoon', ok: 'toneOk' };

/** Days left as a chip in the tone's colour: red once ended, orange within 30 days, green after. */
function DaysLeft(props: { cert: CertificateExpiry }) {
  const t = useT(messages);
  const { daysLeft } = props.cert;
  const tone = expiryTone(daysLeft);
  return (
    <Chip
      size="small"
      label={tone === 'expired' ? t('expiredDays', { n: -daysLeft }) : t('daysLeft', { n: daysLeft })}
      style={{ background: EXPIRY_COLOURS[tone], color: '#fff', fontWeight: 500 }}
      data-testid={`cert-days-${props.cert.targetId}`}
      data-tone={tone}
      data-days={daysLeft}
    />
  );
}

/** The 12-month strip: a bar per month as tall as the certificates ending in it, coloured by the nearest end. */
function Strip(props: { strip: ExpiryStrip }) {
  const t = useT(messages);
  const { strip } = props;
  return (
    <Box>
      <Box display="flex" alignItems="flex-end" style={{ gap: 4 }} data-testid="expiry-strip">
        {strip.months.map(m => (
          <Tooltip key={m.month} title={`${m.month}：${t('certCount', { n: m.count })}`}>
            <Box flex={1} textAlign="center" data-testid={`expiry-strip-${m.month}`} data-count={m.count} data-tone={m.tone ?? 'none'}>
              <Typography variant="caption" display="block">
                {m.count || ''}
              </Typography>
              <Box height={48} display="flex" alignItems="flex-end" bgcolor="#f5f5f5" borderRadius={2}>
                <Box width="100%" height={`${(100 * m.count) / strip.peak}%`} bgcolor={m.tone ? EXPIRY_COLOURS[m.tone] : 'transparent'} borderRadius={2} />
              </Box>
              <Typography variant="caption" color="textSecondary">
                {m.month.slice(2)}
              </Typography>
            </Box>
          </Tooltip>
        ))}
      </Box>
      <Box display="flex" style={{ gap: 8, marginTop: 8 }}>
        {strip.before > 0 && <Chip size="small" variant="outlined" label={t('expiredBefore', { n: strip.before })} data-testid="expiry-before" data-count={strip.before} />}
        {strip.after > 0 && <Chip size="small" variant="outlined" label={t('endsLater', { n: strip.after })} data-testid="expiry-after" data-count={strip.after} />}
        {(['expired', 'soon', 'ok'] as const).map(tone => (
          <Box key={tone} display="flex" alignItems="center" style={{ gap: 4 }}>
            <Box width={10} height={10} bgcolor={EXPIRY_COLOURS[tone]} />
            <Typography variant="caption">{t(TONE_IDS[tone])}</Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** 证书到期: every certificate end the monitor knows, as a 12-month strip and a calendar grouped by China-time month. */
export function CertificatesPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const certs = useLoad(() => client.get<CertificateExpiry[]>('/certificates'), 'certificates');
  if (certs.error) return <Alert severity="error">{certs.error}</Alert>;
  if (!certs.value) return <Progress />;
  if (certs.value.length === 0) {
    return (
      <Typography color="textSecondary" data-testid="no-certificates">
        {t('noCertificates')}
      </Typography>
    );
  }
  const months = expiryMonths(certs.value);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title={t('expiryStrip')}>
          <Strip strip={expiryStrip(certs.value, Date.now())} />
        </InfoCard>
      </Grid>
      {months.map(m => (
        <Grid item xs={12} key={m.month}>
          <InfoCard title={<span style={{ color: EXPIRY_COLOURS[m.tone] }}>{m.month}</span>} subheader={t('certCount', { n: m.items.length })}>
            <Table size="small" data-testid={`expiry-month-${m.month}`} data-tone={m.tone}>
              <HeadRow cells={[t('target'), t('purpose'), t('algorithm'), t('serial'), t('notAfter'), '']} />
              <TableBody>
                {m.items.map(c => (
                  <TableRow key={`${c.targetId}-${c.notAfter}`} data-testid={`cert-${c.targetId}`} data-tone={expiryTone(c.daysLeft)}>
                    <TableCell>
                      <Link component={RouterLink} to={targetPath(c.targetId)}>
                        {c.name}
                      </Link>
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{c.purpose ? (`purpose_${c.purpose}` in messages ? t(`purpose_${c.purpose}` as MessageId) : c.purpose) : '—'}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{c.algorithm ?? '—'}</TableCell>
                    <TableCell style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{c.serialHex ?? '—'}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{when(c.notAfter)}</TableCell>
                    <TableCell align="right">
                      <DaysLeft cert={c} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
