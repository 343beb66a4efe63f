
import { Content, Header, Page } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { shellMessages } from './messages';

/** The page of a roadmap plugin whose issue has not landed yet. No fake data. */
export function NotInstalledPage(props: { name: keyof typeof shellMessages }) {
  const t = useT(shellMessages);
  return (
    <Page themeId="tool">
      <Header title={t('notInstalledTitle', { name: t(props.name) })} />
      <Content>
        <Typography data-testid="not-installed">{t('notInstalledBody')}</Typography>
      </Content>
    </Page>
  );
}
