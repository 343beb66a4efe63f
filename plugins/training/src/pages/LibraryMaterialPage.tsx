import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { CardTitle, Facts, StatusChip, when, useLabel, useLoad, useT, useNotice } from '@yinxin/ops-react';
import { FORMAT_INFO, LABELS, type MaterialDetail } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { DetailFrame } from '../components/DetailFrame';
import { formatBytes } from '../files';
import { useTrainingApi } from '../components/useTrainingApi';
import { MaterialPreview } from '../components/MaterialPreview';
import { LabelChips } from '../components/fields';
import { useMe } from '../components/useMe';

/** A published material as learners see it: its details, the inline preview or player, and the download. */
export function LibraryMaterialPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const navigate = useNavigate();
  const material = useLoad(() => api.client.get<MaterialDetail>(`/materials/${encodeURIComponent(id)}?view=learner`), id);
  const m = material.value;
  const v = m?.current;
  const file = v?.file;
  const download = () => notice.run(() => api.download(`/materials/${encodeURIComponent(id)}/file?download=true`, file?.fileName ?? 'material'));

  return (
    <DetailFrame loading={material.loading} loaded={!!m} error={material.error} backTo="/training/library" backLabel={t('libraryTitle')}>
      {m && v && (
        <>
          <Grid item xs={12} md={4}>
            <InfoCard
              title={
                <CardTitle>
                  <span data-testid="material-title">{v.title}</span>
                  <StatusChip status="valid" label={label(LABELS.materialStatus[m.status])} testId="material-status" />
                </CardTitle>
              }
            >
              {notice.view('material-notice')}
              <Facts
                facts={[
                  { label: t('description'), value: v.description },
                  { label: t('topics'), value: <LabelChips topics={v.topics} /> },
                  { label: t('audiences'), value: <LabelChips audiences={v.audiences} /> },
                  { label: t('language'), value: v.language },
                  { label: t('version'), value: t('versionN', { n: v.version }) },
                  { label: t('publishedAt'), value: when(v.publishedAt) },
                  { label: t('file'), value: file ? t('fileFacts', { name: file.fileName, format: label(FORMAT_INFO[file.format].label), size: formatBytes(file.size) }) : t('noFile'), testId: 'material-file' },
                ]}
              />
              <Box display="flex" style={{ gap: 8, marginTop: 16 }}>
                {file && (
                  <Button variant="contained" color="primary" onClick={download} data-testid="material-download">
                    {t('downloadFile')}
                  </Button>
                )}
                {(me.caps.write || me.caps.review) && (
                  <Button onClick={() => navigate(`/training/materials/${m.id}`)} data-testid="material-manage">
                    {t('tabMaterials')}
                  </Button>
                )}
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title={t('previewTitle')}>
              {file ? (
                <MaterialPreview path={`/materials/${encodeURIComponent(m.id)}/preview`} mode={file.preview} size={file.size} fileName={file.fileName} onDownload={download} />
              ) : (
                <Typography color="textSecondary">{t('noFile')}</Typography>
              )}
            </InfoCard>
          </Grid>
        </>
      )}
    </DetailFrame>
  );
}
