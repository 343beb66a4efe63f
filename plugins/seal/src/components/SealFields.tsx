import { TextField } from '@material-ui/core';
import type { Seal } from '@yinxin/plugin-seal-common';
import { NativeSelect, useLabel, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';

/** A select of the values of an enum, each named by its label in the user's language. */
export function EnumSelect<V extends string>(props: {
  name: string;
  label: string;
  value: V;
  values: readonly V[];
  labels: Readonly<Record<V, { zh: string; en: string }>>;
  onChange: (value: V) => void;
  helperText?: string;
}) {
  const label = useLabel();
  return (
    <NativeSelect
      name={props.name}
      label={props.label}
      value={props.value}
      options={props.values.map(v => ({ value: v, label: label(props.labels[v]) }))}
      onChange={e => props.onChange(e.target.value as V)}
      helperText={props.helperText}
      fullWidth
    />
  );
}

/** Picks one of the seals the user holds (name, type, seal code). */
export function HeldSealSelect(props: { seals: readonly Seal[]; value: string; onChange: (sealId: string) => void }) {
  const t = useT(messages);
  const label = useLabel();
  return (
    <NativeSelect
      name="sealId"
      label={t('seal')}
      value={props.value}
      options={props.seals.map(s => ({ value: s.id, label: `${s.name}（${label(LABELS.sealType[s.type])}，${s.esId ?? ''}）` }))}
      onChange={e => props.onChange(e.target.value)}
      fullWidth
    />
  );
}

/** The document type of a use: one of the seal's allowed types when its policy names them, else free text. */
export function DocumentTypeField(props: { seal?: Seal; value: string; onChange: (type: string) => void; error?: string }) {
  const t = useT(messages);
  const types = props.seal?.usePolicy.documentTypes ?? [];
  if (types.length > 0) {
    return <NativeSelect name="documentType" label={t('documentType')} value={props.value} options={types.map(x => ({ value: x, label: x }))} onChange={e => props.onChange(e.target.value)} fullWidth />;
  }
  return (
    <TextField
      label={t('documentType')}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      error={!!props.error}
      helperText={props.error}
      required
      inputProps={{ maxLength: 64, name: 'documentType' }}
      fullWidth
    />
  );
}
