import { FORMAT_INFO, FileFormat, LABELS, TRAINER_MIN_YEARS, TrainerRequirement } from './model';

/**
 * Why the training API refused a request, more precisely than the portal-wide error code. Every
 * refusal carries one in `error.details.reason`, with the message in both languages in
 * `error.details.zh` and `error.details.en`; `error.message` is both joined.
 */
export const TRAINING_ERROR_REASONS = [
  'FILE_NAME_REQUIRED',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_TYPE_MISMATCH',
  'FILE_UNREADABLE',
  'ARCHIVE_LIMITS',
  'NO_FILE',
  'VERSION_OPEN',
  'VERSION_NOT_EDITABLE',
  'SELF_REVIEW',
  'PREVIEW_UNAVAILABLE',
  'RENDERER_UNAVAILABLE',
  'RANGE_NOT_SATISFIABLE',
  'TRAINER_NOT_QUALIFIED',
  'SESSION_FULL',
  'SESSION_CANCELLED',
  'SESSION_STARTED',
  'SESSION_NOT_ENDED',
  'ALREADY_ENROLLED',
  'NOT_ENROLLED',
  'CHECK_IN_CLOSED',
  'NOT_ATTENDED',
  'FEEDBACK_GIVEN',
  'CAPACITY_BELOW_ENROLMENT',
  'MATERIAL_NOT_PUBLISHED',
  'COURSE_HAS_SESSIONS',
  'NOT_YOUR_MATERIAL',
  'NOT_YOUR_SESSION',
  'NOT_YOUR_CERTIFICATE',
  'STREAM_TOKEN_INVALID',
  'STREAM_TOKEN_EXPIRED',
  'MATERIAL_ARCHIVED',
  'MATERIAL_NOT_ARCHIVABLE',
  'MATERIAL_IN_COURSE',
  'CERTIFICATE_ISSUED',
  'SESSION_ENDED',
  'SESSION_PLACE_REQUIRED',
  'SESSION_LINK_REQUIRED',
  'SESSION_TIMES_INVALID',
  'SESSION_TOO_LONG',
  'SESSION_TITLE_REQUIRED',
  'REQUEST_CLOSED',
  'MATERIAL_LISTED_TWICE',
] as const;
/** One of {@link TRAINING_ERROR_REASONS}. */
export type TrainingErrorReason = (typeof TRAINING_ERROR_REASONS)[number];

/**
 * Portal-wide error codes (`@yinxin/ops-common` ERROR_CODES) the training API answers with.
 * Kept as a literal union so that this package stays free of server dependencies.
 */
export type TrainingApiCode =
  | 'VALIDATION_FAILED'
  | 'FORBIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'SELF_APPROVAL'
  | 'UPSTREAM_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'BAD_FILE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'PREVIEW_UNAVAILABLE'
  | 'TRAINER_NOT_QUALIFIED'
  | 'SESSION_FULL';

/** Facts about one reason: the code and HTTP status answered, and the message in both languages. */
export interface TrainingErrorInfo {
  /** the portal-wide code answered */
  code: TrainingApiCode;
  /** the HTTP status */
  status: number;
  zh(p: TrainingErrorParams): string;
  en(p: TrainingErrorParams): string;
}

/** Parameters that messages mention. */
export interface TrainingErrorParams {
  fileName?: string;
  expected?: FileFormat;
  detected?: string;
  limitBytes?: number;
  detail?: string;
  failures?: TrainerRequirement[];
  trainerRef?: string;
  yearsOfExperience?: number;
  capacity?: number;
  enrolled?: number;
  version?: number;
  state?: string;
  /** PREVIEW_UNAVAILABLE: LibreOffice is not installed, or the conversion failed */
  cause?: 'not-installed' | 'failed';
  /** NOT_YOUR_MATERIAL: what was attempted (edit, upload, submit, withdraw, delete, new-version, archive) */
  action?: string;
  /** a status (of a material, a request) */
  status?: string;
  /** SESSION_TOO_LONG: the longest session, days */
  maxDays?: number;
}

const mb = (n?: number) => (n === undefined ? '?' : `${Math.round((n / 1024 / 1024) * 10) / 10} MB`);
const detectedZh = (d?: string) => (d ? DETECTED_LABELS[d]?.zh ?? d : '无法识别的内容');
const detectedEn = (d?: string) => (d ? DETECTED_LABELS[d]?.en ?? d : 'unrecognised content');

/** Names of what content sniffing can find, for messages. */
export const DETECTED_LABELS: Record<string, { zh: string; en: string }> = {
  ...Object.fromEntries(Object.entries(FORMAT_INFO).map(([k, v]) => [k, v.label])),
  exe: { zh: 'Windows 可执行程序', en: 'a Windows executable' },
  elf: { zh: 'Linux 可执行程序', en: 'a Linux executable' },
  macho: { zh: 'macOS 可执行程序', en: 'a macOS executable' },
  script: { zh: '脚本文件', en: 'a script' },
  zip: { zh: 'ZIP 压缩包', en: 'a ZIP archive' },
  xlsx: { zh: 'Excel 表格', en: 'an Excel workbook' },
  ole: { zh: '其他 Office 97-2003 文件', en: 'another Office 97-2003 file' },
  html: { zh: 'HTML 网页', en: 'an HTML page' },
  gif: { zh: 'GIF 图片', en: 'a GIF image' },
  rar: { zh: 'RAR 压缩包', en: 'a RAR archive' },
  '7z': { zh: '7z 压缩包', en: 'a 7z archive' },
  matroska: { zh: 'MKV 视频', en: 'a Matroska (MKV) video' },
  quicktime: { zh: 'QuickTime 视频', en: 'a QuickTime video' },
  unknown: { zh: '无法识别的内容', en: 'unrecognised content' },
};

const requirementsZh = (p: TrainingErrorParams) =>
  (p.failures ?? [])
    .map(r => LABELS.trainerRequirement[r].zh + (r === 'experience' && p.yearsOfExperience !== undefined ? `（现为 ${p.yearsOfExperience} 年）` : ''))
    .join('；');
const requirementsEn = (p: TrainingErrorParams) =>
  (p.failures ?? [])
    .map(r => LABELS.trainerRequirement[r].en + (r === 'experience' && p.yearsOfExperience !== undefined ? ` (has ${p.yearsOfExperience})` : ''))
    .join('; ');

/** {@link TrainingErrorInfo} of every reason. */
export const TRAINING_ERRORS: Record<TrainingErrorReason, TrainingErrorInfo> = {
  FILE_NAME_REQUIRED: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '请在 X-Filename 请求头中给出文件名（URL 编码）',
    en: () => 'Give the file name in the X-Filename header (URL-encoded)',
  },
  FILE_EMPTY: { code: 'VALIDATION_FAILED', status: 400, zh: () => '文件为空', en: () => 'The file is empty' },
  FILE_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    zh: p => `文件超过大小限制 ${mb(p.limitBytes)}，未保存`,
    en: p => `The file is larger than the limit of ${mb(p.limitBytes)}; nothing was stored`,
  },
  FILE_TYPE_NOT_ALLOWED: {
    code: 'BAD_FILE',
    status: 415,
    zh: p => `不接受此类文件「${p.fileName ?? ''}」：只接受 PDF、Word（docx/doc）、PowerPoint（pptx/ppt）、MP4/WebM 视频和 PNG/JPEG 图片`,
    en: p => `Files like '${p.fileName ?? ''}' are not accepted: only PDF, Word (docx/doc), PowerPoint (pptx/ppt), MP4/WebM video and PNG/JPEG images`,
  },
  FILE_TYPE_MISMATCH: {
    code: 'BAD_FILE',
    status: 415,
    zh: p => `文件内容与扩展名不符：「${p.fileName ?? ''}」应为${p.expected ? FORMAT_INFO[p.expected].label.zh : '所声明的格式'}，实际是${detectedZh(p.detected)}；未保存`,
    en: p => `The content does not match the extension: '${p.fileName ?? ''}' should be ${p.expected ? `a ${FORMAT_INFO[p.expected].label.en}` : 'the declared format'} but is ${detectedEn(p.detected)}; nothing was stored`,
  },
  FILE_UNREADABLE: {
    code: 'BAD_FILE',
    status: 415,
    zh: p => `文件已损坏或无法读取${p.detail ? `（${p.detail}）` : ''}；未保存`,
    en: p => `The file is damaged or cannot be read${p.detail ? ` (${p.detail})` : ''}; nothing was stored`,
  },
  ARCHIVE_LIMITS: {
    code: 'BAD_FILE',
    status: 415,
    zh: p => `Office 文件的压缩结构超出安全限制${p.detail ? `（${p.detail}）` : ''}；未保存`,
    en: p => `The office file's archive exceeds the safety limits${p.detail ? ` (${p.detail})` : ''}; nothing was stored`,
  },
  NO_FILE: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '此版本尚未上传文件，不能提交审核',
    en: () => 'This version has no file yet and cannot be submitted',
  },
  VERSION_OPEN: {
    code: 'CONFLICT',
    status: 409,
    zh: p => `已有正在编辑或审核中的版本 v${p.version ?? '?'}（${p.state ?? ''}），请先完成它`,
    en: p => `Version ${p.version ?? '?'} is still open (${p.state ?? ''}); finish it first`,
  },
  VERSION_NOT_EDITABLE: {
    code: 'ILLEGAL_TRANSITION',
    status: 409,
    zh: p => `版本 v${p.version ?? '?'} 处于「${p.state ?? ''}」状态，不能修改或执行此操作`,
    en: p => `Version ${p.version ?? '?'} is ${p.state ?? ''}; it cannot be changed that way`,
  },
  SELF_REVIEW: {
    code: 'SELF_APPROVAL',
    status: 403,
    zh: () => '不能审核自己编写或提交的资料',
    en: () => 'You cannot review a material you wrote or submitted',
  },
  PREVIEW_UNAVAILABLE: {
    code: 'PREVIEW_UNAVAILABLE',
    status: 503,
    zh: p =>
      p.cause === 'failed'
        ? `无法在线预览：LibreOffice 转换此文件失败${p.detail ? `（${p.detail}）` : ''}，请下载文件查看`
        : `无法在线预览：服务器未安装 LibreOffice（soffice）${p.detail ? `（${p.detail}）` : ''}，请下载文件查看`,
    en: p =>
      p.cause === 'failed'
        ? `No preview: LibreOffice could not convert this file${p.detail ? ` (${p.detail})` : ''}; download the file instead`
        : `No preview: LibreOffice (soffice) is not installed on the server${p.detail ? ` (${p.detail})` : ''}; download the file instead`,
  },
  RENDERER_UNAVAILABLE: {
    code: 'UPSTREAM_UNAVAILABLE',
    status: 503,
    zh: p => `PDF 生成功能尚不可用（${p.detail ?? '@yinxin/pdf-doc'}）`,
    en: p => `PDF rendering is not available yet (${p.detail ?? '@yinxin/pdf-doc'})`,
  },
  RANGE_NOT_SATISFIABLE: {
    code: 'RANGE_NOT_SATISFIABLE',
    status: 416,
    zh: () => '请求的字节范围无效或超出文件长度',
    en: () => 'The requested byte range is invalid or beyond the end of the file',
  },
  TRAINER_NOT_QUALIFIED: {
    code: 'TRAINER_NOT_QUALIFIED',
    status: 422,
    zh: p => `讲师 ${p.trainerRef ?? ''} 不符合合同要求（从业经验不少于 ${TRAINER_MIN_YEARS} 年且主持过同类项目），未满足：${requirementsZh(p)}`,
    en: p => `Trainer ${p.trainerRef ?? ''} does not meet the contract's requirements (at least ${TRAINER_MIN_YEARS} years of experience and a similar project led); not met: ${requirementsEn(p)}`,
  },
  SESSION_FULL: {
    code: 'SESSION_FULL',
    status: 409,
    zh: p => `本场培训已满员（${p.enrolled ?? p.capacity ?? '?'}/${p.capacity ?? '?'}）`,
    en: p => `This session is full (${p.enrolled ?? p.capacity ?? '?'}/${p.capacity ?? '?'})`,
  },
  SESSION_CANCELLED: { code: 'CONFLICT', status: 409, zh: () => '本场培训已取消', en: () => 'This session has been cancelled' },
  SESSION_STARTED: { code: 'CONFLICT', status: 409, zh: () => '本场培训已开始或已结束', en: () => 'This session has already started or ended' },
  SESSION_NOT_ENDED: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '培训结束后才能颁发结业证书',
    en: () => 'The certificate is issued once the session has ended',
  },
  ALREADY_ENROLLED: { code: 'CONFLICT', status: 409, zh: () => '您已报名本场培训', en: () => 'You are already enrolled in this session' },
  NOT_ENROLLED: { code: 'CONFLICT', status: 409, zh: () => '未报名本场培训', en: () => 'Not enrolled in this session' },
  CHECK_IN_CLOSED: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '不在签到时间内（开始前 30 分钟至结束）',
    en: () => 'Check-in is open from 30 minutes before the start until the end of the session',
  },
  NOT_ATTENDED: { code: 'CONFLICT', status: 409, zh: () => '没有本场培训的出勤记录', en: () => 'No attendance recorded for this session' },
  FEEDBACK_GIVEN: { code: 'CONFLICT', status: 409, zh: () => '您已提交过本场培训的评价', en: () => 'You have already given feedback on this session' },
  CAPACITY_BELOW_ENROLMENT: {
    code: 'CONFLICT',
    status: 409,
    zh: p => `容量不能小于已报名人数 ${p.enrolled ?? '?'}`,
    en: p => `The capacity cannot be below the ${p.enrolled ?? '?'} learners already enrolled`,
  },
  MATERIAL_NOT_PUBLISHED: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '课程只能引用已发布的资料',
    en: () => 'A course can only list published materials',
  },
  COURSE_HAS_SESSIONS: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '该课程已有培训场次，不能删除',
    en: () => 'This course has sessions and cannot be deleted',
  },
  NOT_YOUR_MATERIAL: {
    code: 'FORBIDDEN',
    status: 403,
    zh: () => '只有资料的创建者（或该版本的编写者）和培训管理员可以修改此资料',
    en: () => 'Only the material’s creator (or the version’s author) and the training manager may change it',
  },
  NOT_YOUR_SESSION: {
    code: 'FORBIDDEN',
    status: 403,
    zh: () => '只有本场培训的讲师、创建者和培训管理员可以修改、取消本场培训或登记出勤',
    en: () => 'Only the session’s trainer, its creator and the training manager may change or cancel it or mark attendance',
  },
  NOT_YOUR_CERTIFICATE: {
    code: 'FORBIDDEN',
    status: 403,
    zh: () => '只能获取本人的结业证书（查阅培训记录的人员除外）',
    en: () => 'Only report readers may fetch other learners’ certificates',
  },
  STREAM_TOKEN_INVALID: {
    code: 'FORBIDDEN',
    status: 403,
    zh: () => '播放链接无效，请重新打开预览',
    en: () => 'The streaming link is not valid; open the preview again',
  },
  STREAM_TOKEN_EXPIRED: {
    code: 'FORBIDDEN',
    status: 403,
    zh: () => '播放链接已过期，请重新打开预览',
    en: () => 'The streaming link has expired; open the preview again',
  },
  MATERIAL_ARCHIVED: {
    code: 'ILLEGAL_TRANSITION',
    status: 409,
    zh: () => '资料已归档，不能再修改或新增版本',
    en: () => 'The material is archived; it cannot be changed or get new versions',
  },
  MATERIAL_NOT_ARCHIVABLE: {
    code: 'ILLEGAL_TRANSITION',
    status: 409,
    zh: p => `只有已发布的资料可以归档${p.status ? `（此资料为「${(LABELS.materialStatus as Record<string, { zh: string }>)[p.status]?.zh ?? p.status}」）` : ''}`,
    en: p => `Only published materials can be archived${p.status ? ` (this one is ${p.status})` : ''}`,
  },
  MATERIAL_IN_COURSE: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '有课程引用此资料，不能删除',
    en: () => 'A course lists this material; it cannot be deleted',
  },
  CERTIFICATE_ISSUED: {
    code: 'CONFLICT',
    status: 409,
    zh: () => '已为此出勤记录颁发结业证书，不能改为缺勤',
    en: () => 'A certificate has been issued for this attendance',
  },
  SESSION_ENDED: {
    code: 'ILLEGAL_TRANSITION',
    status: 409,
    zh: () => '已结束的培训不能取消',
    en: () => 'An ended session cannot be cancelled',
  },
  SESSION_PLACE_REQUIRED: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '现场培训须填写地点',
    en: () => 'An on-site session needs a place',
  },
  SESSION_LINK_REQUIRED: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '线上培训须填写会议链接',
    en: () => 'An online session needs a link (onlineUrl)',
  },
  SESSION_TIMES_INVALID: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '结束时间须晚于开始时间',
    en: () => 'A session must end after it starts',
  },
  SESSION_TOO_LONG: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: p => `一场培训最长 ${p.maxDays ?? 7} 天`,
    en: p => `A session lasts at most ${p.maxDays ?? 7} days`,
  },
  SESSION_TITLE_REQUIRED: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '不关联课程的培训须填写标题和主题',
    en: () => 'A session without a course needs a title and a topic',
  },
  REQUEST_CLOSED: {
    code: 'ILLEGAL_TRANSITION',
    status: 409,
    zh: p => `该培训申请${p.status ? `已是「${(LABELS.requestStatus as Record<string, { zh: string }>)[p.status]?.zh ?? p.status}」状态` : '已处理'}，不能再执行此操作`,
    en: p => `The request is ${p.status ?? 'closed'}`,
  },
  MATERIAL_LISTED_TWICE: {
    code: 'VALIDATION_FAILED',
    status: 400,
    zh: () => '同一资料在课程中列出了两次',
    en: () => 'A material is listed twice',
  },
};

/** The message of a refusal in both languages, and joined as the API's `error.message`. */
export function trainingErrorMessage(reason: TrainingErrorReason, params: TrainingErrorParams = {}): { zh: string; en: string; message: string } {
  const info = TRAINING_ERRORS[reason];
  const zh = info.zh(params);
  const en = info.en(params);
  return { zh, en, message: `${zh} — ${en}` };
}
