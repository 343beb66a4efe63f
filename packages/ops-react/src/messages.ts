/** Strings of the shared components (dialogs, pager), in both UI languages. */
export const commonMessages = {
  cancel: { zh: '取消', en: 'Cancel' },
  confirm: { zh: '确定', en: 'Confirm' },
  required: { zh: '必填', en: 'Required' },
  total: { zh: '共 {n} 条', en: '{n} in all' },
  pageOf: { zh: '第 {page} / {pages} 页', en: 'Page {page} of {pages}' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
} as const;
