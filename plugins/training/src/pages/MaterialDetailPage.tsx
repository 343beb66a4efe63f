import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Dialog, DialogContent, DialogTitle, Divider, Grid, List, ListItem, ListItemText, Paper, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { CardTitle, Facts, FormActions, StatusChip, shortRef, useLabel, useLoad, useT, when, useNotice, useFormSubmit, ActionDialog, type DialogField } from '@yinxin/ops-react';
import { FORMAT_INFO, LABELS, type MaterialDetail, type MaterialVersion, type TrainingCapabilities } from '@yinxin/plugin-training-common';
import { messages, type MessageId } from '../messages';
import { formatBytes, limitsOf } from '../files';
import { materialFormOf, materialFormProblems, materialPatch, type MaterialForm } from '../forms';
import { authoredBy, canArchive, canStartVersion, versionActions } from '../materials';
import { useTrainingApi } from '../components/useTrainingApi';
import { useMe } from '../components/useMe';
import { UploadBox } from '../components/UploadBox';
import { MaterialPreview } from '../components/MaterialPreview';
import { LabelChips } from '../components/fields';
import { MaterialFields, STATE_TONES } from './MaterialsPage';
import { DetailFrame } from '../components/DetailFrame';

type DialogKind = 'submit' | 'withdraw' | 'approve' | 'reject' | 'delete' | 'newVersion' | 'archive';

const EVENT_LABELS: Record<string, MessageId> = {
  create: 'evCreate',
  upload: 'evUpload',
  edit: 'evUpdate',
  submit: 'evSubmit',
  withdraw: 'evWithdraw',
  approve: 'evApprove',
  reject: 'evReject',
  archive: 'evArchive',
  'new-version': 'evNewVersion',
  'delete-draft': 'evDelete',
};

/** The metadata of a draft version, edited in a dialog. */
function EditDialog(props: { version: MaterialVersion | undefined; onSave: (patch: object) => Promise<unknown>; onClose: () => void }) {
  const t = useT(messages);
  const v = props.version;
  const [form, setForm] = useState<MaterialForm>();
  const sending = useFormSubmit();
  const current = form ?? (v ? materialFormOf(v) : undefined);
  const problems = current ? materialFormProblems(current) : {};
  const shown = (k: keyof MaterialForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const close = () => {
    setForm(undefined);
    sending.reset();
    props.onClose();
  };
  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    if (v && current) await props.onSave(materialPatch(v, current));
    close();
  });
  return (
    <Dialog open={!!v} onClose={close} fullWidth maxWidth="md" data-testid="edit-dialog">
      <DialogTitle>{t('editDetails')}</DialogTitle>
      <DialogContent>
        {current && (
          <form onSubmit={submit} noValidate>
            <MaterialFields form={current} onChange={setForm} shown={shown} />
            <FormActions error={sending.error} busy={sending.busy} submitLabel={t('save')} cancel={{ label: t('cancel'), onClick: close }} testId="edit" />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** One version: its details and file, its preview, the upload of a draft, and the workflow's buttons. */
function VersionCard(props: {
  material: MaterialDetail;
  version: MaterialVersion;
  caps: TrainingCapabilities | undefined;
  onAction: (kind: DialogKind, v: MaterialVersion) => void;
  onEdit: (v: MaterialVersion) => void;
  onUploaded: () => void;
}) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const [preview, setPreview] = useState(false);
  const { material: m, version: v } = props;
  const actions = versionActions(m, v, me.caps);
  const file = v.file;
  const base = `/materials/${encodeURIComponent(m.id)}/versions/${v.version}`;
  const download = () => notice.run(() => api.download(`${base}/file?download=true`, file?.fileName ?? 'material'));
  const self = me.caps.review && v.state === 'in-review' && authoredBy(v, me.ref);
  return (
    <Paper variant="outlined" style={{ padding: 16, marginBottom: 12 }} data-testid="version" data-version={v.version} data-state={v.state}>
      <Box display="flex" alignItems="center" style={{ gap: 12, marginBottom: 8 }}>
        <Typography variant="h6">{t('versionN', { n: v.version })}</Typography>
        <StatusChip status={v.state} label={label(LABELS.versionState[v.state])} tones={STATE_TONES} testId="version-state" />
      </Box>
      {notice.view('version-notice')}
      <Facts
        facts={[
          { label: t('materialTitle'), value: v.title },
          { label: t('description'), value: v.description },
          { label: t('topics'), value: <LabelChips topics={v.topics} /> },
          { label: t('audiences'), value: <LabelChips audiences={v.audiences} /> },
          { label: t('language'), value: v.language },
          {
            label: t('file'),
            value: file ? (
              <span data-testid="version-file" data-name={file.fileName} data-size={file.size}>
                {t('fileFacts', { name: file.fileName, format: label(FORMAT_INFO[file.format].label), size: formatBytes(file.size) })}
              </span>
            ) : (
              <span data-testid="version-no-file">{t('noFile')}</span>
            ),
          },
          { label: t('textStatus'), value: file ? (file.textStatus === 'extracted' ? t('textExtracted') : t('textOther')) : '' },
          { label: t('previewMode'), value: file ? label(LABELS.previewMode[file.preview]) : '' },
          { label: t('createdBy'), value: `${shortRef(v.createdBy)} · ${when(v.createdAt)}` },
          { label: t('submittedBy'), value: v.submittedBy ? `${shortRef(v.submittedBy)} · ${when(v.submittedAt)}` : '' },
          { label: t('reviewedBy'), value: v.reviewedBy ? `${shortRef(v.reviewedBy)} · ${when(v.reviewedAt)}` : '' },
          { label: t('reviewNote'), value: v.reviewNote, testId: 'version-review-note' },
          { label: t('publishedAt'), value: when(v.publishedAt) },
        ]}
      />
      {self && (
        <Alert severity="info" style={{ marginTop: 8 }} data-testid="version-self">
          {t('selfAuthored')}
        </Alert>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginTop: 12 }}>
        {actions.edit && (
          <Button variant="outlined" onClick={() => props.onEdit(v)} data-testid="version-edit">
            {t('editDetails')}
          </Button>
        )}
        {actions.submit && (
          <Button variant="contained" color="primary" onClick={() => props.onAction('submit', v)} data-testid="version-submit">
            {t('submitForReview')}
          </Button>
        )}
        {actions.withdraw && (
          <Button variant="outlined" onClick={() => props.onAction('withdraw', v)} data-testid="version-withdraw">
            {t('withdraw')}
          </Button>
        )}
        {actions.approve && (
          <Button variant="contained" color="primary" onClick={() => props.onAction('approve', v)} data-testid="version-approve">
            {t('approve')}
          </Button>
        )}
        {actions.reject && (
          <Button variant="outlined" onClick={() => props.onAction('reject', v)} data-testid="version-reject">
            {t('reject')}
          </Button>
        )}
        {actions.remove && (
          <Button onClick={() => props.onAction('delete', v)} data-testid="version-delete">
            {t('deleteDraft')}
          </Button>
        )}
        {file && (
          <Button onClick={() => setPreview(p => !p)} data-testid="version-preview">
            {preview ? t('close') : t('previewTitle')}
          </Button>
        )}
        {file && (
          <Button onClick={download} data-testid="version-download">
            {t('download')}
          </Button>
        )}
      </Box>
      {actions.upload && (
        <Box style={{ marginTop: 16 }} data-testid="version-upload">
          <Divider style={{ marginBottom: 12 }} />
          <UploadBox
            limits={limitsOf(props.caps)}
            label={file ? t('replaceFile') : t('chooseFile')}
            onUpload={async (f, progress) => {
              await api.upload<MaterialDetail>(`${base}/file`, f, progress);
              notice.show({ severity: 'success', text: t('uploaded', { name: f.name }) });
              props.onUploaded();
            }}
          />
        </Box>
      )}
      {preview && file && (
        <Box style={{ marginTop: 16 }}>
          <MaterialPreview path={`${base}/preview`} mode={file.preview} size={file.size} fileName={file.fileName} onDownload={download} />
        </Box>
      )}
    </Paper>
  );
}

/** A material for its writers and reviewers: every version with its workflow, uploads, previews, and the history. */
export function MaterialDetailPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const navigate = useNavigate();
  const notice = useNotice({ dismissible: true });
  const path = `/materials/${encodeURIComponent(id)}`;
  const material = useLoad(() => api.client.get<MaterialDetail>(path), id);
  const caps = useLoad(() => api.client.get<TrainingCapabilities>('/capabilities'), 'capabilities');
  const [dialog, setDialog] = useState<{ kind: DialogKind; version?: MaterialVersion }>();
  const [editing, setEditing] = useState<MaterialVersion>();
  const m = material.value;
  const close = () => setDialog(undefined);
  const done = () => {
    notice.show({ severity: 'success', text: t('done') });
    material.reload();
  };

  const run = async (kind: DialogKind, v: MaterialVersion | undefined, values: Record<string, string>) => {
    const n = v?.version;
    const note = values.note?.trim();
    switch (kind) {
      case 'submit':
      case 'approve':
        await api.client.post(`${path}/versions/${n}/${kind}`, note ? { note } : {});
        break;
      case 'reject':
        await api.client.post(`${path}/versions/${n}/reject`, { note });
        break;
      case 'withdraw':
        await api.client.post(`${path}/versions/${n}/withdraw`, {});
        break;
      case 'delete': {
        const r = await api.remove<{ materialDeleted: boolean }>(`${path}/versions/${n}`);
        if (r.materialDeleted) {
          navigate('/training/materials');
          return;
        }
        break;
      }
      case 'newVersion':
        await api.client.post(`${path}/versions`, {});
        break;
      case 'archive':
        await api.client.post(`${path}/archive`, { reason: values.reason.trim() });
        break;
      default:
        break;
    }
    done();
  };

  const dialogs: Record<DialogKind, { title: string; note?: string; fields?: DialogField[]; confirm?: string }> = {
    submit: { title: t('submitForReview'), fields: [{ name: 'note', label: t('note'), kind: 'multiline', maxLength: 2000 }] },
    withdraw: { title: t('withdraw') },
    approve: { title: t('approve'), fields: [{ name: 'note', label: t('comment'), kind: 'multiline', maxLength: 2000 }] },
    reject: { title: t('reject'), fields: [{ name: 'note', label: t('reason'), kind: 'multiline', required: true, maxLength: 2000 }] },
    delete: { title: t('deleteDraft'), note: t('deleteDraftNote') },
    newVersion: { title: t('newVersion'), note: t('newVersionNote') },
    archive: { title: t('archive'), note: t('archiveNote'), fields: [{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 }] },
  };
  const current = dialog && dialogs[dialog.kind];

  return (
    <DetailFrame loading={material.loading} loaded={!!m} error={material.error} backTo="/training/materials" backLabel={t('tabMaterials')}>
      {m && (
        <>
          <Grid item xs={12}>
            <InfoCard
              title={
                <CardTitle>
                  <span data-testid="material-title">{m.current.title}</span>
                  <StatusChip status={m.status} label={label(LABELS.materialStatus[m.status])} tones={STATE_TONES} testId="material-status" />
                </CardTitle>
              }
            >
              {notice.view('material-notice')}
              <Facts
                facts={[
                  { label: t('createdBy'), value: `${shortRef(m.createdBy)} · ${when(m.createdAt)}` },
                  { label: t('version'), value: m.publishedVersion ? `${t('versionN', { n: m.publishedVersion })} · ${label(LABELS.versionState.published)}` : '' },
                  { label: t('status'), value: m.pending ? t('pendingVersion', { n: m.pending.version, state: label(LABELS.versionState[m.pending.state]) }) : '' },
                  { label: t('reason'), value: m.archiveReason ? `${m.archiveReason}（${shortRef(m.archivedBy)} · ${when(m.archivedAt)}）` : '' },
                ]}
              />
              <Box display="flex" style={{ gap: 8, marginTop: 12 }}>
                {canStartVersion(m, me.caps) && (
                  <Button variant="outlined" onClick={() => setDialog({ kind: 'newVersion' })} data-testid="material-new-version">
                    {t('newVersion')}
                  </Button>
                )}
                {canArchive(m, me.caps, me.ref) && (
                  <Button onClick={() => setDialog({ kind: 'archive' })} data-testid="material-archive">
                    {t('archive')}
                  </Button>
                )}
                {m.status === 'published' && <Button onClick={() => navigate(`/training/library/${m.id}`)}>{t('tabLibrary')}</Button>}
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title={t('versionsTitle')}>
              {caps.error && <Alert severity="warning">{caps.error}</Alert>}
              {m.versions.map(v => (
                <VersionCard key={v.version} material={m} version={v} caps={caps.value} onAction={(kind, ver) => setDialog({ kind, version: ver })} onEdit={setEditing} onUploaded={material.reload} />
              ))}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title={t('historyTitle')}>
              <List dense data-testid="material-history">
                {m.events.map((e, i) => (
                  <ListItem key={i} data-testid="material-event" data-action={e.action}>
                    <ListItemText
                      primary={`${EVENT_LABELS[e.action] ? t(EVENT_LABELS[e.action]) : e.action}${e.version ? ` · ${t('versionN', { n: e.version })}` : ''}`}
                      secondary={`${shortRef(e.actor)} · ${when(e.at)}${e.note ? ` · ${e.note}` : ''}`}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Grid>
        </>
      )}
      <ActionDialog
        open={!!dialog}
        title={current?.title ?? ''}
        note={current?.note}
        testId={dialog?.kind ?? 'material'}
        fields={current?.fields}
        onSubmit={values => run(dialog!.kind, dialog!.version, values)}
        onClose={close}
      />
      <EditDialog
        version={editing}
        onClose={() => setEditing(undefined)}
        onSave={async patch => {
          await api.client.patch(`${path}/versions/${editing!.version}`, patch);
          done();
        }}
      />
    </DetailFrame>
  );
}
