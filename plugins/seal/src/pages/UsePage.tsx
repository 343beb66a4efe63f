import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Grid, TextField, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { UseRequest } from '@yinxin/plugin-seal-common';
import { Facts, FormActions, NativeSelect, saveBlob, useFormSubmit, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { SIGN_DATA_MAX_BYTES, base64ToBytes, signatureFileName } from '../files';
import { useChosenFile } from '../components/useChosenFile';
import { SignResult, usableRequests } from '../holding';
import { SignForm, signBody, signFormProblems } from '../useForms';
import { useMe } from '../components/useMe';
import { useHeldSeals } from '../components/useHeldSeals';
import { DocumentTypeField, HeldSealSelect } from '../components/SealFields';
import { FileButton } from '../components/FileButton';
import { SealImage, picturePath } from '../components/SealImage';
import { VerifyCard } from '../components/VerifyCard';

const EMPTY: SignForm = { sealId: '', documentType: '', documentName: '', useRequestId: '', timestamp: false };

/** 用印: a holder applies a server-key seal to a file read in the browser and downloads the SES signature. */
function SignCard() {
  const t = useT(messages);
  const client = usePluginClient('seal');
  const me = useMe();
  const held = useHeldSeals(me.ref);
  // Seal administrators apply seals but never ask to: they have no use requests to read.
  const requests = useLoad(
    () => (me.caps.requestUse ? client.get<{ items: UseRequest[] }>('/use-requests?status=approved&mine=true') : Promise.resolve({ items: [] as UseRequest[] })),
    `requests:${me.ref}:${me.caps.requestUse}`,
  );
  const [form, setForm] = useState<SignForm>(EMPTY);
  const doc = useChosenFile(SIGN_DATA_MAX_BYTES);
  const file = doc.file;
  const sending = useFormSubmit();
  const [result, setResult] = useState<SignResult>();
  const seals = held.seals;
  const seal = seals.find(s => s.id === form.sealId);
  useEffect(() => {
    if (!seal && seals.length > 0) setForm(f => ({ ...f, sealId: seals[0].id, documentType: seals[0].usePolicy.documentTypes[0] ?? '' }));
  }, [seal, seals]);
  const approvals = seal ? usableRequests(requests.value?.items ?? [], seal.id, form.documentType) : [];
  const problems = signFormProblems(form, seal);
  let approvalHelp: string | undefined;
  if (seal?.usePolicy.requireApproval) approvalHelp = approvals.length ? t('useRequestRequired') : t('noUsableRequest');
  const shown = (k: keyof SignForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const set = (patch: Partial<SignForm>) => {
    setResult(undefined);
    setForm(f => ({ ...f, ...patch }));
  };

  const choose = async (chosen: File | undefined) => {
    setResult(undefined);
    const read = await doc.choose(chosen);
    if (read) setForm(f => ({ ...f, documentName: f.documentName || read.name }));
  };
  const sign = sending.submit(Object.keys(problems).length === 0 && !!file && !!seal, async () => {
    setResult(await client.post<SignResult>(`/seals/${seal!.id}/sign`, signBody(form, file!.base64, seal!)));
    requests.reload();
  });
  const error = doc.error ?? sending.error ?? (sending.touched && !file ? t('fileRequired') : undefined);
  const save = (r: SignResult) => saveBlob(new Blob([base64ToBytes(r.signature)], { type: 'application/octet-stream' }), signatureFileName(r.use.documentName));

  return (
    <InfoCard title={t('signTitle')} subheader={t('signHelp')}>
      {held.loaded && seals.length === 0 && <Typography color="textSecondary">{t('noHeldSeals')}</Typography>}
      {held.error && <Alert severity="error">{held.error}</Alert>}
      {seal && (
        <form onSubmit={sign} noValidate data-testid="sign-form">
          <Grid container spacing={2}>
            <Grid item xs={12} md={8}>
              <Grid container spacing={2}>
                <Grid item xs={12}>
                  <HeldSealSelect seals={seals} value={form.sealId} onChange={sealId => set({ sealId, useRequestId: '', documentType: seals.find(s => s.id === sealId)?.usePolicy.documentTypes[0] ?? '' })} />
                </Grid>
                {seal.keyMode === 'holder' ? (
                  <Grid item xs={12}>
                    <Alert severity="info" data-testid="sign-holder-key">
                      {t('holderKeySeal')}
                    </Alert>
                  </Grid>
                ) : (
                  <>
                    <Grid item xs={12}>
                      <FileButton label={t('chooseFile')} file={file} testId="sign-file" onChoose={choose} />
                    </Grid>
                    <Grid item xs={12} md={7}>
                      <TextField
                        label={t('documentName')}
                        value={form.documentName}
                        onChange={e => set({ documentName: e.target.value })}
                        error={!!shown('documentName')}
                        helperText={shown('documentName')}
                        required
                        inputProps={{ maxLength: 255, name: 'documentName' }}
                        fullWidth
                      />
                    </Grid>
                    <Grid item xs={12} md={5}>
                      <DocumentTypeField seal={seal} value={form.documentType} onChange={documentType => set({ documentType, useRequestId: '' })} error={shown('documentType')} />
                    </Grid>
                    <Grid item xs={12} md={7}>
                      <NativeSelect
                        name="useRequestId"
                        label={t('useRequest')}
                        value={form.useRequestId}
                        emptyLabel={seal.usePolicy.requireApproval ? '—' : t('withoutRequest')}
                        options={approvals.map(r => ({ value: r.id, label: `${r.documentName}（${t('usesLeft', { n: r.usesLeft, m: r.uses })}）` }))}
                        onChange={e => set({ useRequestId: e.target.value })}
                        error={!!shown('useRequestId')}
                        helperText={shown('useRequestId') ?? approvalHelp}
                        fullWidth
                      />
                    </Grid>
                    <Grid item xs={12} md={5}>
                      <FormControlLabel
                        control={<Checkbox checked={form.timestamp} disabled={seal.version !== 4} onChange={e => set({ timestamp: e.target.checked })} name="timestamp" color="primary" />}
                        label={t('timestamp')}
                      />
                    </Grid>
                  </>
                )}
              </Grid>
            </Grid>
            <Grid item xs={12} md={4}>
              <Box display="flex" justifyContent="center">
                <SealImage path={picturePath(seal.id)} size={160} alt={seal.name} />
              </Box>
            </Grid>
          </Grid>
          {result && (
            <Alert severity="success" style={{ marginTop: 16 }} data-testid="sign-result">
              <Typography variant="body2" gutterBottom>
                {t('signed', { name: result.use.documentName })}
              </Typography>
              <Facts
                facts={[
                  { label: t('at'), value: when(result.use.at) },
                  { label: t('documentHash'), value: result.use.documentHash, mono: true },
                  { label: t('timestamped'), value: result.use.timestamped ? t('yes') : t('no') },
                ]}
              />
              <Button size="small" variant="outlined" style={{ marginTop: 8 }} onClick={() => save(result)} data-testid="sign-download">
                {t('downloadSignature')}
              </Button>
            </Alert>
          )}
          {seal.keyMode === 'server' && <FormActions error={error} busy={sending.busy} submitLabel={t('sign')} testId="sign" />}
        </form>
      )}
    </InfoCard>
  );
}

/** 用印 and 验证: apply a seal one holds to a document; verify any seal signature. */
export function UsePage() {
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={7}>
        <SignCard />
      </Grid>
      <Grid item xs={12} lg={5}>
        <VerifyCard />
      </Grid>
    </Grid>
  );
}
