import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useT } from '@yinxin/ops-react';
import { shellMessages } from './messages';
import { ChangePasswordForm, changePassword } from './ChangePasswordForm';
import { backendUrl } from './SignInPage';
import { signInLocal } from './LocalIdentityApi';

/** The signed-in user's own account: change password. */
export function AccountPage() {
  const t = useT(shellMessages);
  const identity = useApi(identityApiRef);
  return (
    <Page themeId="tool">
      <Header title={t('changePassword')} />
      <Content>
        <InfoCard title={t('changePassword')}>
          <ChangePasswordForm
            onChange={async (current, next) => {
              const { token } = await identity.getCredentials();
              const { username } = await changePassword(backendUrl(), token ?? '', current, next);
              // The change ended every session, this one too: open a new one with the new password.
              await signInLocal(backendUrl(), { username, password: next });
            }}
          />
        </InfoCard>
      </Content>
    </Page>
  );
}
