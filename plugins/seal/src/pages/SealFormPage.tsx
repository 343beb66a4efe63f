import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Checkbox, FormControlLabel, Grid, TextField, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { KEY_MODES, SEAL_TEMPLATE_KINDS, SEAL_TYPES, type SealDetail } from '@yinxin/plugin-seal-common';
import { FormActions, useFormSubmit, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { SealForm, TEMPLATE_SIZES, emptySealForm, templateSize, isOrganisationType, previewPath, sealFormOf, sealRequestBody, templateDefaults, validateSealForm } from '../sealForm';
import { ImpressionPreview, useSettled } from '../components/ImpressionPreview';
import { UPLOAD_PNG_MAX_BYTES } from '../files';
import { useChosenFile } from '../components/useChosenFile';
import { FileButton } from '../components/FileButton';
import { CertificatePicker, PickedCertificate } from '../components/CertificatePicker';
import { EnumSelect } from '../components/SealFields';

/** A titled part of the form, its fields on a grid. */
function FormSection(props: { title: string; children: React.ReactNode }) {
  return (
    <Box marginBottom={3}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      <Grid container spacing={2}>
        {props.children}
      </Grid>
    </Box>
  );
}

/**
 * 申请印章: a new seal, or — under `/seal/registry/:id/change` — a changed version (更换) of an
 * existing one, prefilled from it. Checked as typed; the backend draws the impression.
 */
export function SealFormPage() {
  const { id } = useParams();
  const t = useT(messages);
  const client = usePluginClient('seal');
  const navigate = useNavigate();
  const predecessor = useLoad(() => (id ? client.get<SealDetail>(`/seals/${encodeURIComponent(id)}`) : Promise.resolve(undefined)), id ?? '');
  const [form, setForm] = useState<SealForm>(() => emptySealForm());
  const [picked, setPicked] = useState<PickedCertificate[]>([]);
  const upload = useChosenFile(UPLOAD_PNG_MAX_BYTES, true);
  const sending = useFormSubmit();

  const seal = predecessor.value;
  useEffect(() => {
    if (!seal) return;
    setForm(sealFormOf(seal));
    setPicked(seal.keyMode === 'holder' ? seal.certificates.map(c => ({ id: c.caCertificateId, serial: c.serial, subject: c.subjectDn })) : []);
  }, [seal]);

  const current: SealForm = { ...form, certificateIds: picked.map(c => c.id) };
  const problems = validateSealForm(current);
  const shown = (k: keyof SealForm) => {
    const p = sending.touched ? problems[k] : undefined;
    return p && t(p);
  };
  const set = (patch: Partial<SealForm>) => setForm(f => ({ ...f, ...patch }));
  const field = (k: 'name' | 'ownerName' | 'ownerCode' | 'sizeMm' | 'text' | 'lowerText' | 'holders' | 'documentTypes' | 'maxUsesPerApproval' | 'approvalValidDays' | 'note' | 'validEnd', max: number) => ({
    name: k,
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set({ [k]: e.target.value }),
    error: !!shown(k),
    inputProps: { maxLength: max, name: k },
    fullWidth: true,
  });

  const chooseUpload = async (file: File | undefined) => {
    if (file) set({ uploadPng: (await upload.choose(file))?.base64 ?? '' });
  };

  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    const created = await client.post<SealDetail>(id ? `/seals/${encodeURIComponent(id)}/change` : '/seals', sealRequestBody(current));
    navigate(`/seal/applications/${created.id}`);
  });

  if (predecessor.error) return <Alert severity="error">{predecessor.error}</Alert>;
  if (id && !seal) return <Progress />;
  const template = form.templateKind === 'upload' ? undefined : TEMPLATE_SIZES[form.templateKind];
  // the preview follows the template fields once typing pauses
  const preview = useSettled(previewPath(form), 400);
  const organisation = isOrganisationType(form.type);
  return (
    <InfoCard title={seal ? `${t('changeSeal')}：${seal.name}` : t('newSeal')} subheader={seal ? t('changeNote') : undefined}>
      <form onSubmit={submit} noValidate data-testid="seal-form">
        <FormSection title={t('sectionSeal')}>
          <Grid item xs={12} md={4}>
            <EnumSelect name="type" label={t('sealType')} value={form.type} values={SEAL_TYPES} labels={LABELS.sealType} onChange={type => set({ type, ...templateDefaults(type) })} />
          </Grid>
          <Grid item xs={12} md={8}>
            <TextField label={t('sealName')} required helperText={shown('name')} {...field('name', 64)} />
          </Grid>
          <Grid item xs={12} md={organisation ? 8 : 12}>
            <TextField label={t('ownerName')} required helperText={shown('ownerName')} {...field('ownerName', 64)} />
          </Grid>
          {organisation && (
            <Grid item xs={12} md={4}>
              <TextField label={t('ownerCode')} helperText={shown('ownerCode') ?? t('ownerCodeHelp')} {...field('ownerCode', 22)} />
            </Grid>
          )}
          <Grid item xs={12} md={4}>
            <TextField label={t('validEnd')} type="date" InputLabelProps={{ shrink: true }} required helperText={shown('validEnd')} {...field('validEnd', 10)} />
          </Grid>
          <Grid item xs={12} md={4}>
            <EnumSelect name="version" label={t('version')} value={form.version} values={['4', '1'] as const} labels={LABELS.version} onChange={version => set({ version })} />
          </Grid>
          <Grid item xs={12}>
            <TextField label={t('note')} multiline minRows={2} helperText={shown('note')} {...field('note', 500)} />
          </Grid>
        </FormSection>

        <FormSection title={t('sectionKey')}>
          <Grid item xs={12} md={4}>
            <EnumSelect name="keyMode" label={t('keyMode')} value={form.keyMode} values={KEY_MODES} labels={LABELS.keyMode} onChange={keyMode => set({ keyMode })} helperText={form.keyMode === 'server' ? t('certificatesAtMake') : undefined} />
          </Grid>
          {form.keyMode === 'holder' && (
            <Grid item xs={12} md={8}>
              <CertificatePicker picked={picked} onChange={setPicked} error={shown('certificateIds')} />
            </Grid>
          )}
        </FormSection>

        <FormSection title={t('sectionImpression')}>
          <Grid item xs={12} md={4}>
            <EnumSelect name="templateKind" label={t('templateKind')} value={form.templateKind} values={SEAL_TEMPLATE_KINDS} labels={LABELS.templateKind} onChange={kind => set({ templateKind: kind, ...templateSize(kind) })} />
          </Grid>
          {template && (
            <>
              <Grid item xs={12} md={2}>
                <TextField label={t('sizeMm')} helperText={shown('sizeMm') ?? t('sizeHelp', { min: template.min, max: template.max })} {...field('sizeMm', 2)} />
              </Grid>
              <Grid item xs={12} md={form.templateKind === 'square' ? 6 : 3}>
                <TextField label={t('upperText')} helperText={shown('text') ?? t('upperTextHelp')} {...field('text', 32)} />
              </Grid>
              {form.templateKind !== 'square' && (
                <Grid item xs={12} md={3}>
                  <TextField label={t('lowerText')} helperText={shown('lowerText') ?? t('lowerTextHelp')} {...field('lowerText', 16)} />
                </Grid>
              )}
              <Grid item xs={12}>
                <ImpressionPreview path={preview} alt={t('impressionPreview')} />
                <Typography variant="body2" color="textSecondary">
                  {t('impressionAfterSubmit')}
                </Typography>
              </Grid>
            </>
          )}
          {!template && (
            <Grid item xs={12} md={8}>
              <FileButton label={t('uploadPng')} file={upload.file} accept="image/png,.png" testId="seal-upload" onChoose={chooseUpload} />
              {upload.file && form.uploadPng && (
                <img src={`data:image/png;base64,${form.uploadPng}`} alt={upload.file.name} style={{ maxWidth: 120, maxHeight: 120, marginTop: 8 }} data-testid="seal-upload-preview" />
              )}
              {(upload.error ?? shown('uploadPng')) && (
                <Typography variant="caption" color="error" display="block" data-testid="seal-upload-error">
                  {upload.error ?? shown('uploadPng')}
                </Typography>
              )}
            </Grid>
          )}
        </FormSection>

        <FormSection title={t('sectionUse')}>
          <Grid item xs={12}>
            <TextField label={t('holders')} helperText={shown('holders') ?? t('holdersHelp')} {...field('holders', 4000)} />
          </Grid>
          <Grid item xs={12} md={4}>
            <FormControlLabel
              control={<Checkbox checked={form.requireApproval} onChange={e => set({ requireApproval: e.target.checked })} name="requireApproval" color="primary" />}
              label={t('requireApproval')}
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField label={t('maxUsesPerApproval')} helperText={shown('maxUsesPerApproval')} disabled={!form.requireApproval} {...field('maxUsesPerApproval', 4)} />
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField label={t('approvalValidDays')} helperText={shown('approvalValidDays')} disabled={!form.requireApproval} {...field('approvalValidDays', 3)} />
          </Grid>
          <Grid item xs={12}>
            <TextField label={t('documentTypes')} helperText={shown('documentTypes') ?? t('documentTypesHelp')} {...field('documentTypes', 1400)} />
          </Grid>
        </FormSection>

        <FormActions error={sending.error} busy={sending.busy} submitLabel={t('submit')} cancel={{ label: t('cancel'), onClick: () => navigate(-1) }} testId="seal-form" />
      </form>
    </InfoCard>
  );
}
