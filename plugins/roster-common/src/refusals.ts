import type { Label } from './model';

/**
 * The portal-wide error codes (`@yinxin/ops-common` `ErrorCode`) the roster answers with. Every
 * refusal also carries a finer `reason` (below) in `error.details.reason`, so that the UI can
 * tell refusals apart and show the message in the user's language.
 */
export type RosterErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'SELF_APPROVAL'
  | 'UPSTREAM_UNAVAILABLE';

/** A refusal: the error code it answers with and its message. */
export interface RefusalSpec extends Label {
  code: RosterErrorCode;
}

/** Every reason the roster API refuses a request for. */
export const ROSTER_REFUSALS = {
  PERSON_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该人员', en: 'No such person' },
  TEMPLATE_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该班次模板', en: 'No such shift template' },
  ROTATION_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该轮换组', en: 'No such rotation' },
  LEAVE_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该休假记录', en: 'No such leave' },
  ASSIGNMENT_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该班次安排', en: 'No such assignment' },
  OVERRIDE_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该调班记录', en: 'No such override' },
  SWAP_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该换班申请', en: 'No such swap request' },
  DISPATCH_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该派工单', en: 'No such dispatch' },
  TICKET_NOT_FOUND: { code: 'NOT_FOUND', zh: '未找到该工单', en: 'No such ticket' },
  NOT_ON_TEAM: { code: 'FORBIDDEN', zh: '您不在值班团队中', en: 'You are not on the roster team' },
  NOT_YOUR_SHIFT: { code: 'FORBIDDEN', zh: '只能申请调换本人的班次', en: 'You may only swap your own shifts' },
  NOT_YOUR_DISPATCH: { code: 'FORBIDDEN', zh: '只能处理派给本人的工单', en: 'This dispatch is not yours' },
  NOT_YOUR_SWAP: { code: 'FORBIDDEN', zh: '只能撤回本人的换班申请', en: 'This swap request is not yours' },
  SELF_APPROVAL: { code: 'SELF_APPROVAL', zh: '不能审批本人参与的换班', en: 'You may not approve a swap you take part in' },
  SHIFT_IN_PAST: { code: 'CONFLICT', zh: '该班次已开始或已结束，不能调换', en: 'The shift has already started or ended' },
  OVERRIDE_SHIFT: { code: 'CONFLICT', zh: '该班次来自调班：请撤销该调班（原值班人的班次随之恢复），而不是移除班次', en: 'This shift comes from an override: delete the override (the replaced shifts come back) rather than removing the shift' },
    SWAP_NOT_PENDING: { code: 'ILLEGAL_TRANSITION', zh: '该换班申请已处理', en: 'The swap request has already been decided' },
  SAME_PERSON: { code: 'VALIDATION_FAILED', zh: '两个人员不能相同', en: 'The two people must differ' },
  SWAP_PARTNER_SHIFT: { code: 'CONFLICT', zh: '对方班次不属于对方', en: "The partner's shift does not belong to the partner" },
  SWAP_DUPLICATE: { code: 'CONFLICT', zh: '该班次已有待审批的换班申请', en: 'The shift already has a pending swap request' },
  PERSON_ON_LEAVE: { code: 'CONFLICT', zh: '该人员在此期间休假', en: 'The person is on leave then' },
  PERSON_DOUBLE_BOOKED: { code: 'CONFLICT', zh: '该人员在此期间已有班次', en: 'The person is already scheduled then' },
  PERSON_NOT_ELIGIBLE: { code: 'CONFLICT', zh: '该人员不具备此班次要求的岗位', en: 'The person lacks the role the shift needs' },
  PERSON_INACTIVE: { code: 'CONFLICT', zh: '该人员已离场或尚未入场', en: 'The person is not on the team then' },
  USER_REF_TAKEN: { code: 'CONFLICT', zh: '该登录账号已关联其他人员', en: 'Another person already signs in as this user' },
  OVERRIDE_OVERLAP: { code: 'CONFLICT', zh: '与已有调班时段重叠', en: 'Overlaps an existing override' },
  OVERRIDE_IN_PAST: { code: 'CONFLICT', zh: '调班不能从过去开始', en: 'An override cannot start in the past' },
  OVERRIDE_NOTHING_REPLACED: { code: 'CONFLICT', zh: '被替换人员在此期间没有班次', en: 'The replaced person has no shift in that interval' },
  BAD_INTERVAL: { code: 'VALIDATION_FAILED', zh: '时间段无效', en: 'Invalid interval' },
  BAD_EFFECTIVE_DATE: { code: 'VALIDATION_FAILED', zh: '生效日期无效', en: 'Invalid effective date' },
  LEAVE_OVERLAP: { code: 'CONFLICT', zh: '与该人员已有的休假重叠', en: 'Overlaps a leave the person already has' },
  NOTICE_AFTER_CHANGE: { code: 'VALIDATION_FAILED', zh: '书面通知日期不能晚于生效日期', en: 'The written notice cannot come after the change takes effect' },
  ROTATION_MEMBER_UNKNOWN: { code: 'NOT_FOUND', zh: '轮换组成员不存在', en: 'A rotation member does not exist' },
  ROTATION_TEMPLATE_UNKNOWN: { code: 'NOT_FOUND', zh: '轮换组的班次模板不存在', en: 'A rotation template does not exist' },
  DISPATCH_STATE: { code: 'ILLEGAL_TRANSITION', zh: '派工单当前状态不允许此操作', en: 'The dispatch is not in a state that allows this' },
  NO_ENGINEER_ON_DUTY: { code: 'CONFLICT', zh: '当前无可派工程师', en: 'Nobody on duty can be dispatched' },
  NO_SHIFT_TO_CHECK_IN: { code: 'CONFLICT', zh: '当前没有可签到的现场班次', en: 'No on-site shift to check in to now' },
  ALREADY_CHECKED_IN: { code: 'CONFLICT', zh: '已签到', en: 'Already checked in' },
  NOT_CHECKED_IN: { code: 'CONFLICT', zh: '尚未签到', en: 'Not checked in' },
  RENDERER_UNAVAILABLE: { code: 'UPSTREAM_UNAVAILABLE', zh: 'PDF 生成组件暂不可用', en: 'The PDF renderer is not available' },
  TICKETS_UNAVAILABLE: { code: 'UPSTREAM_UNAVAILABLE', zh: '工单服务暂不可用', en: 'The tickets service is not available' },
  CALENDAR_UNAVAILABLE: { code: 'UPSTREAM_UNAVAILABLE', zh: '工作日日历暂不可用', en: 'The working-day calendar is not available' },
} as const satisfies Record<string, RefusalSpec>;

/** One of the reasons in {@link ROSTER_REFUSALS}. */
export type RosterRefusal = keyof typeof ROSTER_REFUSALS;

/** The `error.details` of a roster refusal. */
export interface RefusalDetails extends Label {
  reason: RosterRefusal;
  [fact: string]: unknown;
}
