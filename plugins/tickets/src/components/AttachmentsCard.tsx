import { useState } from 'react';
import {
  Box,
  Button,
  Link,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import { InfoCard } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { TicketAttachment } from '@yinxin/plugin-tickets-common';
import { ApiCallError, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { shortRef } from '../ticketRefs';
import type { RunAction } from './runAction';

/** Human-readable size of a file. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * The ticket's attachments with download links, and an upload button (file input →
 * `client.upload`). Downloads go through the fetch API so that they carry the user's token.
 */
export function AttachmentsCard(props: {
  ticketId: number;
  attachments: readonly TicketAttachment[];
  canUpload: boolean;
  run: RunAction;
  onError(e: unknown): void;
}) {
  const t = useT(messages);
  const client = usePluginClient('tickets');
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  const [uploading, setUploading] = useState(false);

  const download = async (a: TicketAttachment) => {
    try {
      const base = await discovery.getBaseUrl('tickets');
      const res = await fetchApi.fetch(
        `${base}/tickets/${props.ticketId}/attachments/${a.id}`,
      );
      if (!res.ok) {
        const err = await res.json().then(
          (d: { error?: { code?: ApiCallError['code']; message?: string } }) =>
            d.error ?? {},
          () => ({} as { code?: ApiCallError['code']; message?: string }),
        );
        throw new ApiCallError(
          res.status,
          err.code ?? 'INTERNAL',
          err.message ?? res.statusText,
        );
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = a.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      props.onError(
        e instanceof ApiCallError
          ? e
          : new ApiCallError(0, 'NETWORK', String(e)),
      );
    }
  };

  const upload = async (file: File) => {
    setUploading(true);
    await props.run(() =>
      client.upload(`/tickets/${props.ticketId}/attachments`, file),
    );
    setUploading(false);
  };

  return (
    <InfoCard title={t('attachments')}>
      {props.attachments.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('noAttachments')}
        </Typography>
      )}
      <List dense data-testid="attachment-list">
        {props.attachments.map(a => (
          <ListItem
            key={a.id}
            disableGutters
            data-testid={`attachment-${a.id}`}
          >
            <ListItemText
              primary={
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => download(a)}
                  title={a.sha256}
                >
                  {a.filename}
                </Link>
              }
              secondary={t('uploadedBy', {
                size: size(a.size),
                who: shortRef(a.uploadedBy),
                at: new Date(a.uploadedAt).toLocaleString(),
              })}
            />
          </ListItem>
        ))}
      </List>
      {props.canUpload && (
        <Box mt={1}>
          <Button
            component="label"
            variant="outlined"
            size="small"
            startIcon={<AttachFileIcon />}
            disabled={uploading}
          >
            {uploading ? t('uploading') : t('upload')}
            <input
              type="file"
              hidden
              name="attachment"
              data-testid="attachment-input"
              onChange={e => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) upload(file);
              }}
            />
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}
