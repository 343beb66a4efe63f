import { EMPTY_SUBJECT_FORM, SubjectForm, splitDnsNames, subjectRequestBody, validateSubjectForm } from './subjectForm';

const person: SubjectForm = {
  ...EMPTY_SUBJECT_FORM,
  name: '陈经办',
  organisation: '市人社局',
  orgUnit: '审批科',
  idNumber: '11010519491231002x',
  phone: '13800000000',
  email: 'chen@example.cn',
};

describe('validateSubjectForm', () => {
  it('accepts a complete person and checks the resident identity number', () => {
    expect(validateSubjectForm(person)).toEqual({});
    expect(validateSubjectForm({ ...person, idNumber: '110105194912310021' })).toEqual({ idNumber: 'residentIdInvalid' });
    expect(validateSubjectForm({ ...person, idType: 'passport', idNumber: 'E1234567' })).toEqual({});
    expect(validateSubjectForm({ ...person, idType: 'passport', idNumber: 'E12-34' })).toEqual({ idNumber: 'idNumberFormat' });
    expect(validateSubjectForm({ ...person, organisation: ' ', idNumber: '' })).toEqual({ organisation: 'required', idNumber: 'required' });
  });

  it('checks an organisation’s credit code with its check character', () => {
    const org: SubjectForm = { ...EMPTY_SUBJECT_FORM, kind: 'organisation', name: '示例单位', creditCode: '91350100M000100Y43' };
    expect(validateSubjectForm(org)).toEqual({});
    expect(validateSubjectForm({ ...org, creditCode: '91350100M000100Y44' })).toEqual({ creditCode: 'creditCodeCheck' });
    expect(validateSubjectForm({ ...org, creditCode: '' })).toEqual({ creditCode: 'required' });
    // A person's identity number does not matter for an organisation.
    expect(validateSubjectForm({ ...org, idNumber: 'junk' })).toEqual({});
  });

  it('needs a server’s DNS names', () => {
    const server: SubjectForm = { ...EMPTY_SUBJECT_FORM, kind: 'server', name: 'ocsp.example.cn', dnsNames: 'ocsp.example.cn, *.ca.example.cn' };
    expect(validateSubjectForm(server)).toEqual({});
    expect(validateSubjectForm({ ...server, dnsNames: '' })).toEqual({ dnsNames: 'required' });
    expect(validateSubjectForm({ ...server, dnsNames: 'localhost' })).toEqual({ dnsNames: 'dnsNameFormat' });
  });

  it('checks phone, e-mail and lengths', () => {
    expect(validateSubjectForm({ ...person, phone: 'abc', email: 'no-at-sign', name: '名'.repeat(65) })).toEqual({
      phone: 'phoneFormat',
      email: 'emailFormat',
      name: 'tooLong',
    });
  });
});

describe('subjectRequestBody', () => {
  it('sends only the fields of the kind, trimmed and normalised', () => {
    expect(subjectRequestBody(person)).toEqual({
      kind: 'person',
      name: '陈经办',
      organisation: '市人社局',
      orgUnit: '审批科',
      idType: 'resident-id',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      email: 'chen@example.cn',
    });
    expect(subjectRequestBody({ ...person, kind: 'organisation', name: '示例单位', creditCode: '91350100m000100y43 ' })).toEqual({
      kind: 'organisation',
      name: '示例单位',
      orgUnit: '审批科',
      creditCode: '91350100M000100Y43',
      phone: '13800000000',
      email: 'chen@example.cn',
    });
    expect(subjectRequestBody({ ...EMPTY_SUBJECT_FORM, kind: 'server', name: 'a.example.cn', dnsNames: 'A.example.cn\nb.example.cn' })).toEqual({
      kind: 'server',
      name: 'a.example.cn',
      dnsNames: ['a.example.cn', 'b.example.cn'],
    });
  });

  it('splits DNS names on commas (also full-width), spaces and new lines', () => {
    expect(splitDnsNames(' a.cn，b.cn;c.cn\n\n d.cn ')).toEqual(['a.cn', 'b.cn', 'c.cn', 'd.cn']);
  });
});
