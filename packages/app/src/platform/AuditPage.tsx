import { useCallback, useEffect, useState } from 'react';
import { Content, Header, Page } from '@backstage/core-components';
import {
  Box, Button, FormControl, InputLabel, MenuItem, Select, Table, TableBody, TableCell, TableHead, TableRow, Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { ApiCallError, ERROR_MESSAGES, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { platformMessages } from './messages';

/** Plugins that keep an audit chain. */
export const AUDIT_SOURCES = ['tickets', 'auth', 'platform'] as const;

interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

function AuditTable(props: { source: string }) {
  const t = useT(platformMessages);
  const label = useLabel();
  const client = usePluginClient(props.source === 'auth' ? 'auth' : props.source);
  const [items, setItems] = useState<AuditRecord[]>([]);
  const [error, setError] = useState<string>();
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string }>();
  const prefix = props.source === 'auth' ? '/local-accounts' : '';

  const load = useCallback(
    async (beforeSeq?: number) => {
      try {
        const r = await client.get<{ items: AuditRecord[] }>(`${prefix}/audit?limit=100${beforeSeq ? `&beforeSeq=${beforeSeq}` : ''}`);
        setItems(prev => (beforeSeq ? [...prev, ...r.items] : r.items));
        setError(undefined);
      } catch (e) {
        setError(label(ERROR_MESSAGES[e instanceof ApiCallError ? e.code : 'INTERNAL']));
      }
    },
    [client, prefix, label],
  );
  useEffect(() => {
    setVerdict(undefined);
    load();
  }, [load]);

  const verify = async () => {
    try {
      const r = await client.get<any>(`${prefix}/audit/verify`);
      setVerdict(
        r.ok
          ? { ok: true, text: t('verifyOk', { count: r.count, head: String(r.headHash).slice(0, 16) }) }
          : { ok: false, text: t('verifyBroken', { seq: r.firstBroken.seq, reason: r.firstBroken.reason }) },
      );
    } catch (e) {
      setError(label(ERROR_MESSAGES[e instanceof ApiCallError ? e.code : 'INTERNAL']));
    }
  };

  return (
    <>
      <Box my={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <Button variant="contained" color="primary" onClick={verify} data-testid="audit-verify">
          {t('verify')}
        </Button>
        {verdict && (
          <Alert severity={verdict.ok ? 'success' : 'error'} data-testid="audit-verdict">
            {verdict.text}
          </Alert>
        )}
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small" data-testid="audit-table">
        <TableHead>
          <TableRow>
            {(['seq', 'at', 'actor', 'action', 'target', 'outcome', 'details'] as const).map(k => (
              <TableCell key={k}>{t(k)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(r => (
            <TableRow key={r.seq}>
              <TableCell>{r.seq}</TableCell>
              <TableCell>{new Date(r.at).toLocaleString()}</TableCell>
              <TableCell>{r.actor}</TableCell>
              <TableCell>{r.action}</TableCell>
              <TableCell>{[r.targetType, r.targetId].filter(Boolean).join(' ')}</TableCell>
              <TableCell>{r.outcome}</TableCell>
              <TableCell>
                <Typography variant="caption" component="code">
                  {JSON.stringify(r.details)}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {items.length > 0 && items.length % 100 === 0 && (
        <Button onClick={() => load(items[items.length - 1].seq)}>{t('loadMore')}</Button>
      )}
    </>
  );
}

/** The auditor's page: records of each plugin's chain and the chain verifier. */
export function AuditPage() {
  const t = useT(platformMessages);
  const [source, setSource] = useState<string>('tickets');
  return (
    <Page themeId="tool">
      <Header title={t('auditTitle')} subtitle={t('auditSubtitle')} />
      <Content>
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="audit-source">{t('source')}</InputLabel>
          <Select labelId="audit-source" value={source} onChange={e => setSource(String(e.target.value))}>
            {AUDIT_SOURCES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <AuditTable key={source} source={source} />
      </Content>
    </Page>
  );
}
