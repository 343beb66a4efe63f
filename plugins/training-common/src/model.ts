/** A label in the two UI languages. */
export interface Label {
  zh: string;
  en: string;
}

// ---- audiences and topics ------------------------------------------------------------------------

/** The user groups the contract requires a training plan for. */
export const AUDIENCES = [
  'approval-department',
  'agency',
  'institution-staff',
  'operator',
  'support',
  'administrator',
] as const;
/** One of {@link AUDIENCES}. */
export type Audience = (typeof AUDIENCES)[number];

/** Topics of training materials, courses and sessions. */
export const TOPICS = [
  'certificate-application',
  'usb-key',
  'e-seal',
  'signing-client',
  'operations',
  'overview',
  'security',
] as const;
/** One of {@link TOPICS}. */
export type Topic = (typeof TOPICS)[number];

// ---- files -----------------------------------------------------------------------------------------

/** What a material is: a document (read or previewed as PDF), a video (streamed) or an image. */
export const MATERIAL_KINDS = ['document', 'video', 'image'] as const;
/** One of {@link MATERIAL_KINDS}. */
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** File formats accepted for materials, each recognised by its content, not only its name. */
export const FILE_FORMATS = ['pdf', 'docx', 'pptx', 'doc', 'ppt', 'mp4', 'webm', 'png', 'jpeg'] as const;
/** One of {@link FILE_FORMATS}. */
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Facts about each accepted format. */
export interface FormatInfo {
  kind: MaterialKind;
  /** file name extensions (lower case, without the dot) */
  extensions: readonly string[];
  /** the Content-Type it is served with */
  mime: string;
  /** whether the text is extracted for search */
  searchable: boolean;
  label: Label;
}

/** {@link FormatInfo} of every accepted format. */
export const FORMAT_INFO: Record<FileFormat, FormatInfo> = {
  pdf: { kind: 'document', extensions: ['pdf'], mime: 'application/pdf', searchable: true, label: { zh: 'PDF 文档', en: 'PDF document' } },
  docx: {
    kind: 'document',
    extensions: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    searchable: true,
    label: { zh: 'Word 文档', en: 'Word document' },
  },
  pptx: {
    kind: 'document',
    extensions: ['pptx'],
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    searchable: true,
    label: { zh: 'PowerPoint 演示文稿', en: 'PowerPoint slides' },
  },
  doc: { kind: 'document', extensions: ['doc'], mime: 'application/msword', searchable: false, label: { zh: 'Word 97-2003 文档', en: 'Word 97-2003 document' } },
  ppt: { kind: 'document', extensions: ['ppt'], mime: 'application/vnd.ms-powerpoint', searchable: false, label: { zh: 'PowerPoint 97-2003 演示文稿', en: 'PowerPoint 97-2003 slides' } },
  mp4: { kind: 'video', extensions: ['mp4', 'm4v'], mime: 'video/mp4', searchable: false, label: { zh: 'MP4 视频', en: 'MP4 video' } },
  webm: { kind: 'video', extensions: ['webm'], mime: 'video/webm', searchable: false, label: { zh: 'WebM 视频', en: 'WebM video' } },
  png: { kind: 'image', extensions: ['png'], mime: 'image/png', searchable: false, label: { zh: 'PNG 图片', en: 'PNG image' } },
  jpeg: { kind: 'image', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', searchable: false, label: { zh: 'JPEG 图片', en: 'JPEG image' } },
};

/** The format a file name's extension stands for, or undefined when the extension is not accepted. */
export function formatOfFileName(fileName: string): FileFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot === fileName.length - 1) return undefined;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return FILE_FORMATS.find(f => FORMAT_INFO[f].extensions.includes(ext));
}

/** Default size limits per kind, in bytes (configurable on the server). */
export const DEFAULT_SIZE_LIMITS: Record<MaterialKind, number> = {
  document: 50 * 1024 * 1024,
  video: 500 * 1024 * 1024,
  image: 10 * 1024 * 1024,
};

/**
 * How a version can be looked at in the browser: a PDF inline, a PDF converted from an office file
 * (LibreOffice on the server), a video streamed with range requests, an image — or `unavailable`
 * (an office file while the server has no LibreOffice: download it instead).
 */
export type PreviewMode = 'pdf' | 'converted-pdf' | 'video' | 'image' | 'unavailable';

/** The state of the text extracted from a version for search. */
export type TextStatus = 'extracted' | 'empty' | 'unsupported' | 'unavailable' | 'failed';

// ---- materials: versions and the publishing workflow ----------------------------------------------

/**
 * States of one version of a material. A version is written as a `draft`, submitted for review
 * (`in-review`), approved (`published`) or sent back to `draft`; when a newer version is published
 * the older one becomes `superseded`; archiving the material archives its published version.
 */
export const VERSION_STATES = ['draft', 'in-review', 'published', 'superseded', 'archived'] as const;
/** One of {@link VERSION_STATES}. */
export type VersionState = (typeof VERSION_STATES)[number];

/** Actions on a version. */
export const VERSION_ACTIONS = ['submit', 'withdraw', 'approve', 'reject', 'supersede', 'archive'] as const;
/** One of {@link VERSION_ACTIONS}. */
export type VersionAction = (typeof VERSION_ACTIONS)[number];

/** The workflow: from which states each action may be taken, and where it leads. */
export const VERSION_TRANSITIONS: Record<VersionAction, { from: readonly VersionState[]; to: VersionState }> = {
  submit: { from: ['draft'], to: 'in-review' },
  withdraw: { from: ['in-review'], to: 'draft' },
  approve: { from: ['in-review'], to: 'published' },
  reject: { from: ['in-review'], to: 'draft' },
  supersede: { from: ['published'], to: 'superseded' },
  archive: { from: ['published'], to: 'archived' },
};

/** The state `action` leads to from `state`, or undefined when the workflow does not allow it. */
export function nextVersionState(state: VersionState, action: VersionAction): VersionState | undefined {
  const t = VERSION_TRANSITIONS[action];
  return t.from.includes(state) ? t.to : undefined;
}

/** States in which a version is being worked on: a material has at most one such version. */
export const OPEN_VERSION_STATES: readonly VersionState[] = ['draft', 'in-review'];

/** The status of a material as a whole. */
export const MATERIAL_STATUSES = ['draft', 'in-review', 'published', 'archived'] as const;
/** One of {@link MATERIAL_STATUSES}. */
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/**
 * A material's status from its versions: `archived` once archived; `published` while it has a
 * published version (even with a newer version in review — learners keep the published one);
 * otherwise the state of its open version (`draft` or `in-review`).
 */
export function materialStatusOf(archived: boolean, versions: readonly { state: VersionState }[]): MaterialStatus {
  if (archived) return 'archived';
  if (versions.some(v => v.state === 'published')) return 'published';
  if (versions.some(v => v.state === 'in-review')) return 'in-review';
  return 'draft';
}

// ---- plans, courses, trainers ------------------------------------------------------------------------

/** Plan statuses: learners see `active` plans. */
export const PLAN_STATUSES = ['draft', 'active', 'retired'] as const;
/** One of {@link PLAN_STATUSES}. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The contract's requirement on trainers: at least this many years of experience … */
export const TRAINER_MIN_YEARS = 3;
/** … and at least this many similar projects led. */
export const TRAINER_MIN_SIMILAR_PROJECTS = 1;

/** A requirement a trainer may fail. */
export const TRAINER_REQUIREMENTS = ['recorded', 'experience', 'similar-project'] as const;
/** One of {@link TRAINER_REQUIREMENTS}. */
export type TrainerRequirement = (typeof TRAINER_REQUIREMENTS)[number];

/** The result of checking a trainer against the contract's requirements. */
export interface TrainerCheck {
  qualified: boolean;
  /** the requirements not met, empty when qualified */
  failures: TrainerRequirement[];
  yearsOfExperience?: number;
  similarProjects?: number;
}

/**
 * Checks a trainer's recorded qualification: at least {@link TRAINER_MIN_YEARS} years of
 * experience AND at least {@link TRAINER_MIN_SIMILAR_PROJECTS} similar project led. A trainer
 * without a record fails `recorded`.
 */
export function checkTrainer(record: { yearsOfExperience: number; similarProjects: readonly unknown[] } | undefined): TrainerCheck {
  if (!record) return { qualified: false, failures: ['recorded'] };
  const failures: TrainerRequirement[] = [];
  if (!(record.yearsOfExperience >= TRAINER_MIN_YEARS)) failures.push('experience');
  if (record.similarProjects.length < TRAINER_MIN_SIMILAR_PROJECTS) failures.push('similar-project');
  return { qualified: failures.length === 0, failures, yearsOfExperience: record.yearsOfExperience, similarProjects: record.similarProjects.length };
}

// ---- sessions, requests, feedback --------------------------------------------------------------------

/** Where a session takes place. */
export const SESSION_MODES = ['onsite', 'online'] as const;
/** One of {@link SESSION_MODES}. */
export type SessionMode = (typeof SESSION_MODES)[number];

/** Session statuses. */
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
/** One of {@link SESSION_STATUSES}. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Learners may check in from this many minutes before a session starts until it ends. */
export const CHECK_IN_OPENS_MINUTES = 30;

/** Where a session stands at a moment. */
export type SessionPhase = 'upcoming' | 'check-in-open' | 'ended' | 'cancelled';

/** The phase of a session at `now`. */
export function sessionPhase(s: { status: SessionStatus; startsAt: string; endsAt: string }, now: Date): SessionPhase {
  if (s.status === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t > Date.parse(s.endsAt)) return 'ended';
  if (t >= Date.parse(s.startsAt) - CHECK_IN_OPENS_MINUTES * 60_000) return 'check-in-open';
  return 'upcoming';
}

/** Statuses of a request for a session (随时响应). */
export const REQUEST_STATUSES = ['open', 'accepted', 'scheduled', 'declined'] as const;
/** One of {@link REQUEST_STATUSES}. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The questions of the feedback form, each scored 1 (poor) to 5 (excellent). */
export const FEEDBACK_QUESTIONS = ['content', 'trainer', 'materials', 'organisation'] as const;
/** One of {@link FEEDBACK_QUESTIONS}. */
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];

/** How attendance was recorded. */
export type AttendanceSource = 'self' | 'trainer';

// ---- realtime --------------------------------------------------------------------------------------

/** The realtime room announcing newly published materials and newly scheduled sessions. */
export const TRAINING_NEWS_ROOM = 'training:news';
/** The socket.io event name used in {@link TRAINING_NEWS_ROOM}. */
export const TRAINING_NEWS_EVENT = 'training';

// ---- labels ----------------------------------------------------------------------------------------

/** Chinese and English labels of every enumeration. */
export const LABELS = {
  audience: {
    'approval-department': { zh: '审批部门', en: 'Approval departments' },
    agency: { zh: '经办机构', en: 'Handling agencies' },
    'institution-staff': { zh: '事业单位人员', en: 'Public institution staff' },
    operator: { zh: '运维人员', en: 'Operators' },
    support: { zh: '客服人员', en: 'Support staff' },
    administrator: { zh: '系统管理员', en: 'System administrators' },
  } as Record<Audience, Label>,
  topic: {
    'certificate-application': { zh: '证书申请', en: 'Certificate application' },
    'usb-key': { zh: 'USB-key 使用', en: 'Using the USB key' },
    'e-seal': { zh: '电子印章', en: 'Electronic seals' },
    'signing-client': { zh: '签章客户端', en: 'Signing client' },
    operations: { zh: '运维', en: 'Operations' },
    overview: { zh: '业务概览', en: 'Service overview' },
    security: { zh: '安全规范', en: 'Security practice' },
  } as Record<Topic, Label>,
  kind: {
    document: { zh: '文档', en: 'Document' },
    video: { zh: '视频', en: 'Video' },
    image: { zh: '图片', en: 'Image' },
  } as Record<MaterialKind, Label>,
  versionState: {
    draft: { zh: '草稿', en: 'Draft' },
    'in-review': { zh: '审核中', en: 'In review' },
    published: { zh: '已发布', en: 'Published' },
    superseded: { zh: '已被新版本取代', en: 'Superseded' },
    archived: { zh: '已归档', en: 'Archived' },
  } as Record<VersionState, Label>,
  materialStatus: {
    draft: { zh: '草稿', en: 'Draft' },
    'in-review': { zh: '审核中', en: 'In review' },
    published: { zh: '已发布', en: 'Published' },
    archived: { zh: '已归档', en: 'Archived' },
  } as Record<MaterialStatus, Label>,
  previewMode: {
    pdf: { zh: 'PDF 在线预览', en: 'PDF preview' },
    'converted-pdf': { zh: '转换为 PDF 预览', en: 'Converted to PDF' },
    video: { zh: '在线播放', en: 'Streamed video' },
    image: { zh: '图片预览', en: 'Image' },
    unavailable: { zh: '无法在线预览（服务器未安装 LibreOffice），请下载查看', en: 'No preview (LibreOffice is not installed on the server): download the file' },
  } as Record<PreviewMode, Label>,
  planStatus: {
    draft: { zh: '草拟', en: 'Draft' },
    active: { zh: '执行中', en: 'Active' },
    retired: { zh: '已停用', en: 'Retired' },
  } as Record<PlanStatus, Label>,
  trainerRequirement: {
    recorded: { zh: '尚未登记讲师资格', en: 'no qualification recorded' },
    experience: { zh: `从业经验不少于 ${TRAINER_MIN_YEARS} 年`, en: `at least ${TRAINER_MIN_YEARS} years of experience` },
    'similar-project': { zh: '主持过同类项目培训', en: 'has led a similar project' },
  } as Record<TrainerRequirement, Label>,
  sessionMode: {
    onsite: { zh: '现场', en: 'On site' },
    online: { zh: '线上', en: 'Online' },
  } as Record<SessionMode, Label>,
  sessionStatus: {
    scheduled: { zh: '已安排', en: 'Scheduled' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  } as Record<SessionStatus, Label>,
  sessionPhase: {
    upcoming: { zh: '未开始', en: 'Upcoming' },
    'check-in-open': { zh: '可签到', en: 'Check-in open' },
    ended: { zh: '已结束', en: 'Ended' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  } as Record<SessionPhase, Label>,
  requestStatus: {
    open: { zh: '待答复', en: 'Open' },
    accepted: { zh: '已受理', en: 'Accepted' },
    scheduled: { zh: '已安排培训', en: 'Scheduled' },
    declined: { zh: '已婉拒', en: 'Declined' },
  } as Record<RequestStatus, Label>,
  feedbackQuestion: {
    content: { zh: '培训内容实用', en: 'Useful content' },
    trainer: { zh: '讲师讲解清楚', en: 'Clear trainer' },
    materials: { zh: '资料质量', en: 'Quality of materials' },
    organisation: { zh: '组织安排', en: 'Organisation' },
  } as Record<FeedbackQuestion, Label>,
};
