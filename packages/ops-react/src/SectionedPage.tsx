import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import { Tab, Tabs, Typography } from '@material-ui/core';

/** The section of a plugin page a path is in (`/ca/certificates/1` → `certificates`), if any. */
export function sectionOf<S extends string>(pathname: string, base: string, sections: readonly S[]): S | undefined {
  return sections.find(s => pathname === `${base}/${s}` || pathname.startsWith(`${base}/${s}/`));
}

/**
 * A plugin's page at `base` (`/ca`, `/seal`): a header, a tab per section the user may see
 * (`<testIdPrefix>-<section>`), and the section's routes (`children`, paths relative to `base`).
 * `/` and unknown paths lead to `home`; without a home (no rights at all) the page shows `noAccess`.
 */
export function SectionedPage<S extends string>(props: {
  base: string;
  title: string;
  subtitle: string;
  /** every section, to tell which one a path is in */
  allSections: readonly S[];
  /** the sections the user may see, in tab order */
  sections: readonly S[];
  home: S | undefined;
  label: (section: S) => string;
  /** false until the user's roles are known */
  loaded: boolean;
  noAccess?: { text: string; testId: string };
  testIdPrefix: string;
  children: React.ReactNode;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const current = sectionOf(location.pathname, props.base, props.allSections);
  const { home } = props;
  return (
    <Page themeId="tool">
      <Header title={props.title} subtitle={props.subtitle} />
      <Content>
        {!props.loaded && <Progress />}
        {props.loaded && !home && props.noAccess && <Typography data-testid={props.noAccess.testId}>{props.noAccess.text}</Typography>}
        {props.loaded && home && (
          <>
            <Tabs
              value={current && props.sections.includes(current) ? current : false}
              onChange={(_, v) => navigate(`${props.base}/${v}`)}
              indicatorColor="primary"
              variant="scrollable"
              style={{ marginBottom: 16 }}
              aria-label={props.title}
            >
              {props.sections.map(s => (
                <Tab key={s} value={s} label={props.label(s)} data-testid={`${props.testIdPrefix}-${s}`} />
              ))}
            </Tabs>
            <Routes>
              <Route path="/" element={<Navigate to={`${props.base}/${home}`} replace />} />
              {props.children}
              <Route path="*" element={<Navigate to={`${props.base}/${home}`} replace />} />
            </Routes>
          </>
        )}
      </Content>
    </Page>
  );
}
