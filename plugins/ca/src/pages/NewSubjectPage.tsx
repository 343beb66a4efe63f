import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Grid, TextField } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { ID_TYPES, SUBJECT_KINDS, Subject, SubjectKind } from '@yinxin/plugin-ca-common';
import { FormActions, NativeSelect, useErrorText, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages, MessageId } from '../messages';
import { LABELS } from '../labels';
import { EMPTY_SUBJECT_FORM, SUBJECT_FIELDS, SubjectForm, subjectRequestBody, validateSubjectForm } from '../subjectForm';

const NAME_LABEL: Record<SubjectKind, MessageId> = { person: 'personName', organisation: 'organisationName', server: 'hostName' };
const FIELD_LABEL: Record<Exclude<keyof SubjectForm, 'kind' | 'name'>, MessageId> = {
  organisation: 'organisation',
  orgUnit: 'orgUnit',
  province: 'province',
  city: 'city',
  idType: 'idType',
  idNumber: 'idNumber',
  creditCode: 'creditCode',
  phone: 'phone',
  email: 'email',
  dnsNames: 'dnsNames',
};

const FIELD_HELP: Partial<Record<keyof SubjectForm, MessageId>> = { idNumber: 'idNumberHelp' };
const FIELD_MAX: Partial<Record<keyof SubjectForm, number>> = { dnsNames: 2000, email: 200 };

/** RA entry: registers a person (identity number checked against GB 11643), an organisation (GB 32100) or a server. */
export function NewSubjectPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const [form, setForm] = useState<SubjectForm>(EMPTY_SUBJECT_FORM);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problems = validateSubjectForm(form);

  const field = (name: keyof SubjectForm) => {
    const problem = touched ? problems[name] : undefined;
    return {
      id: `subject-form-${name}`,
      value: form[name],
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm(f => ({ ...f, [name]: e.target.value })),
      error: !!problem,
      helperText: problem ? t(problem) : FIELD_HELP[name] && t(FIELD_HELP[name]!),
      fullWidth: true,
    };
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const subject = await client.post<Subject>('/subjects', subjectRequestBody(form));
      navigate(`/ca/subjects/${subject.id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <InfoCard title={t('newSubject')}>
      <form onSubmit={submit} noValidate data-testid="subject-form">
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <NativeSelect
              {...field('kind')}
              name="kind"
              label={t('subjectKind')}
              options={SUBJECT_KINDS.map(k => ({ value: k, label: label(LABELS.subjectKind[k]) }))}
            />
          </Grid>
          <Grid item xs={12} md={8}>
            <TextField {...field('name')} name="name" label={t(NAME_LABEL[form.kind])} required inputProps={{ maxLength: 64, name: 'name' }} />
          </Grid>
          {SUBJECT_FIELDS[form.kind]
            .filter((f): f is keyof typeof FIELD_LABEL => f !== 'name' && f !== 'kind')
            .map(name => (
              <Grid item xs={12} md={name === 'dnsNames' ? 12 : 6} key={name}>
                {name === 'idType' ? (
                  <NativeSelect {...field('idType')} name="idType" label={t('idType')} options={ID_TYPES.map(k => ({ value: k, label: label(LABELS.idType[k]) }))} />
                ) : (
                  <TextField
                    {...field(name)}
                    name={name}
                    label={t(FIELD_LABEL[name])}
                    multiline={name === 'dnsNames'}
                    required={['organisation', 'idNumber', 'creditCode', 'dnsNames'].includes(name) && (name !== 'organisation' || form.kind === 'person')}
                    inputProps={{ maxLength: FIELD_MAX[name] ?? 64, name }}
                  />
                )}
              </Grid>
            ))}
        </Grid>
        <FormActions error={error} busy={busy} submitLabel={t('submit')} cancel={{ label: t('cancel'), onClick: () => navigate('/ca/subjects') }} testId="subject-form" />
      </form>
    </InfoCard>
  );
}
