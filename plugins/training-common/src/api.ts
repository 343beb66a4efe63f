import type {
  AttendanceSource,
  Audience,
  FeedbackQuestion,
  FileFormat,
  MaterialKind,
  MaterialStatus,
  PlanStatus,
  PreviewMode,
  RequestStatus,
  SessionMode,
  SessionPhase,
  SessionStatus,
  TextStatus,
  Topic,
  TrainerCheck,
  VersionState,
} from './model';

// ---- materials -------------------------------------------------------------------------------------

/** The file of a material version. */
export interface MaterialFile {
  /** the name it was uploaded with */
  fileName: string;
  /** the format found by content sniffing (it matches the extension) */
  format: FileFormat;
  kind: MaterialKind;
  /** bytes */
  size: number;
  /** SHA-256 of the content, lower-case hex (also the ETag) */
  sha256: string;
  /** how the browser can show it; `unavailable` for office files while the server has no LibreOffice */
  preview: PreviewMode;
  /** whether its text is in the search index */
  textStatus: TextStatus;
}

/** One version of a material: its metadata and file as reviewed and published together. */
export interface MaterialVersion {
  materialId: string;
  /** 1, 2, 3 … */
  version: number;
  state: VersionState;
  title: string;
  description: string;
  audiences: Audience[];
  topics: Topic[];
  /** BCP 47, `zh-CN` by default */
  language: string;
  file?: MaterialFile;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedBy?: string;
  submittedAt?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  /** the reviewer's note (required when rejecting) */
  reviewNote?: string;
  publishedAt?: string;
}

/**
 * A material as listed. `current` is what the caller sees: for learners always the published
 * version; for trainers and reviewers the newest version.
 */
export interface Material {
  id: string;
  status: MaterialStatus;
  publishedVersion?: number;
  latestVersion: number;
  /** the open version (draft or in review), for trainers and reviewers */
  pending?: { version: number; state: VersionState };
  current: MaterialVersion;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archivedAt?: string;
  archivedBy?: string;
  archiveReason?: string;
}

/** One step of a material's history. */
export interface MaterialEvent {
  at: string;
  actor: string;
  action: string;
  version: number | null;
  note?: string;
}

/** A material with every version and its history (trainers and reviewers; learners get the published version only). */
export interface MaterialDetail extends Material {
  versions: MaterialVersion[];
  events: MaterialEvent[];
}

/** The metadata of a new material (its first version, a draft without a file). */
export interface NewMaterialInput {
  title: string;
  description?: string;
  audiences: Audience[];
  topics: Topic[];
  language?: string;
}

/** A search result. */
export interface SearchHit {
  materialId: string;
  version: number;
  state: VersionState;
  title: string;
  kind?: MaterialKind;
  audiences: Audience[];
  topics: Topic[];
  /** text around the first match (at most about 160 characters) */
  snippet: string;
  /** relevance: higher first */
  score: number;
  /** the whole query occurs as a phrase in the title or text */
  phrase: boolean;
}

// ---- plans, courses, trainers ------------------------------------------------------------------------

/** A training plan for one audience. */
export interface Plan {
  id: string;
  audience: Audience;
  title: string;
  year?: number;
  description: string;
  status: PlanStatus;
  courseCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A material listed by a course. */
export interface CourseMaterial {
  id: string;
  title: string;
  kind?: MaterialKind;
  publishedVersion?: number;
}

/** A course of a plan. */
export interface Course {
  id: string;
  planId: string;
  title: string;
  description: string;
  topic: Topic;
  durationMinutes: number;
  position: number;
  trainerRef?: string;
  materials: CourseMaterial[];
}

/** A plan with its courses. */
export interface PlanDetail extends Plan {
  courses: Course[];
}

/** Whether each audience has an active plan (the contract asks for one per user group). */
export interface PlanCoverage {
  audience: Audience;
  activePlans: number;
  courses: number;
}

/** A similar project a trainer has led. */
export interface SimilarProject {
  name: string;
  client?: string;
  year?: number;
  role?: string;
}

/** A trainer's recorded qualification and whether it meets the contract. */
export interface Trainer {
  userRef: string;
  displayName: string;
  yearsOfExperience: number;
  similarProjects: SimilarProject[];
  /** free text: certificates held, references, where the projects can be checked */
  evidence: string;
  check: TrainerCheck;
  recordedBy: string;
  updatedAt: string;
}

// ---- sessions ----------------------------------------------------------------------------------------

/** The caller's own standing in a session. */
export interface MySessionStanding {
  enrolled: boolean;
  attended: boolean;
  feedbackGiven: boolean;
  certificateSerial?: string;
}

/** A scheduled session. */
export interface Session {
  id: string;
  courseId?: string;
  requestId?: string;
  title: string;
  topic: Topic;
  audience?: Audience;
  startsAt: string;
  endsAt: string;
  mode: SessionMode;
  place?: string;
  onlineUrl?: string;
  trainerRef: string;
  capacity: number;
  enrolled: number;
  status: SessionStatus;
  phase: SessionPhase;
  cancelReason?: string;
  createdBy: string;
  createdAt: string;
  me?: MySessionStanding;
}

/** A learner's enrolment, attendance and feedback in a session. */
export interface Enrolment {
  sessionId: string;
  learnerRef: string;
  learnerName: string;
  /** the learner's department, given at enrolment (coverage reports count by it) */
  department: string;
  enrolledAt: string;
  attendedAt?: string;
  attendanceSource?: AttendanceSource;
  markedBy?: string;
  feedbackGiven: boolean;
  certificateSerial?: string;
}

/** A request for a session (随时响应). */
export interface SessionRequest {
  id: string;
  requesterRef: string;
  department: string;
  topic: Topic;
  audience?: Audience;
  description: string;
  preferredFrom?: string;
  preferredTo?: string;
  expectedAttendees?: number;
  status: RequestStatus;
  reply?: string;
  answeredBy?: string;
  answeredAt?: string;
  sessionId?: string;
  createdAt: string;
}

/** The feedback form. */
export interface FeedbackInput {
  scores: Record<FeedbackQuestion, number>;
  comment?: string;
}

// ---- records and reports -------------------------------------------------------------------------------

/** One learner in one session: the completion record. */
export interface CompletionRecord {
  learnerRef: string;
  learnerName: string;
  department: string;
  sessionId: string;
  sessionTitle: string;
  courseId?: string;
  courseTitle?: string;
  topic: Topic;
  startsAt: string;
  endsAt: string;
  enrolledAt: string;
  attendedAt?: string;
  /** attended a session that has ended */
  completed: boolean;
  certificateSerial?: string;
}

/** Coverage of one department. */
export interface DepartmentCoverage {
  department: string;
  /** distinct learners enrolled */
  learners: number;
  /** distinct learners who attended at least one session */
  trained: number;
  /** sessions with at least one learner of the department */
  sessions: number;
  enrolments: number;
  attendances: number;
}

/** Feedback scores of a group of sessions (one session, course or trainer, or all). */
export interface FeedbackSummary {
  key: string;
  title: string;
  responses: number;
  averages: Record<FeedbackQuestion, number | null>;
  overall: number | null;
}

/** One feedback comment. */
export interface FeedbackComment {
  sessionId: string;
  sessionTitle: string;
  at: string;
  comment: string;
}

/** What the server can do, for the UI to show or hide features. */
export interface TrainingCapabilities {
  /** size limits per kind, bytes */
  limits: Record<MaterialKind, number>;
  /** accepted formats and their extensions */
  formats: { format: FileFormat; kind: MaterialKind; extensions: string[] }[];
  /** office files previewed as PDF (LibreOffice installed) or not */
  officePreview: 'available' | 'unavailable';
  /** text extraction from PDFs (pdftotext installed) */
  pdfText: 'available' | 'unavailable';
  /** certificates and PDF exports (@yinxin/pdf-doc ready) */
  certificates: 'available' | 'unavailable';
  pdfExport: 'available' | 'unavailable';
}

/** What is announced in the realtime room `training:news`. */
export type TrainingNewsEvent =
  | { kind: 'material-published'; materialId: string; version: number; title: string; audiences: Audience[]; topics: Topic[]; at: string }
  | { kind: 'session-scheduled'; sessionId: string; title: string; topic: Topic; startsAt: string; endsAt: string; mode: SessionMode; at: string };
