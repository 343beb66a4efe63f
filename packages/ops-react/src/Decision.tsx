import { useState } from 'react';
import { Button, Typography } from '@material-ui/core';
import { ActionDialog } from './ActionDialog';
import type { DecisionBlock } from './decision';

/** The words a {@link Decision} needs, from the plugin's messages. */
export type DecisionText = (id: 'approve' | 'reject' | 'comment' | 'reason' | DecisionBlock) => string;

/**
 * Approve and reject of a request waiting for review: two buttons, disabled with the reason when
 * the user may not decide (`block`; a missing right shows no reason), and their dialogs — an
 * optional comment to approve (`approve-dialog`, field `comment`), a required reason to reject
 * (`reject-dialog`, field `reason`). Buttons are `<testIdPrefix>-approve` and `-reject`.
 */
export function Decision(props: {
  block: DecisionBlock | undefined;
  text: DecisionText;
  onDecide: (approve: boolean, text: string) => Promise<unknown>;
  testIdPrefix: string;
}) {
  const { block, text } = props;
  const [open, setOpen] = useState<'approve' | 'reject'>();
  const close = () => setOpen(undefined);
  return (
    <>
      <Button variant="contained" color="primary" disabled={!!block} onClick={() => setOpen('approve')} data-testid={`${props.testIdPrefix}-approve`}>
        {text('approve')}
      </Button>
      <Button variant="outlined" disabled={!!block} onClick={() => setOpen('reject')} data-testid={`${props.testIdPrefix}-reject`}>
        {text('reject')}
      </Button>
      {block && block !== 'noRight' && (
        <Typography variant="body2" color="textSecondary" data-testid={`${props.testIdPrefix}-decision-block`}>
          {text(block)}
        </Typography>
      )}
      <ActionDialog
        open={open === 'approve'}
        title={text('approve')}
        testId="approve"
        fields={[{ name: 'comment', label: text('comment'), kind: 'multiline', maxLength: 500 }]}
        onSubmit={v => props.onDecide(true, v.comment.trim())}
        onClose={close}
      />
      <ActionDialog
        open={open === 'reject'}
        title={text('reject')}
        testId="reject"
        fields={[{ name: 'reason', label: text('reason'), kind: 'multiline', required: true, maxLength: 500 }]}
        onSubmit={v => props.onDecide(false, v.reason.trim())}
        onClose={close}
      />
    </>
  );
}
