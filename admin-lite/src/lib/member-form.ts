// The 添加成员 / 编辑成员 form: a draft of strings as typed, and its
// validation with the same rules as the database and the import
// (@yima/shared for mobile and ID-card numbers).
// The module path, not the package index: the index also carries the code
// protocol (@noble/curves, qrcode), which the console's main bundle must not.
import { idCardProblem, isValidMobile, type IdCardProblem } from '@yima/shared/members/identity-numbers';
import { t, type MessageKey } from '../i18n/index.ts';
import type { MemberInput, MemberRow, MemberStatus } from '../services/members.service.ts';
import { normalizePhone } from './phone.ts';

export interface MemberDraft {
  employeeNo: string;
  name: string;
  phone: string;
  /** Empty when editing = keep the stored number (only its mask is ever shown). */
  idCard: string;
  departmentId: string;
  status: MemberStatus;
}

export type MemberDraftErrors = Partial<Record<keyof MemberDraft, string>>;

/** Same pattern as members.employee_no's check and the import template. */
export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;

const ID_CARD_MESSAGES: Record<IdCardProblem, MessageKey> = {
  format: 'memberForm.error.idCardFormat',
  birth_date: 'memberForm.error.idCardBirthDate',
  checksum: 'memberForm.error.idCardChecksum',
};

export function emptyMemberDraft(departmentId: string): MemberDraft {
  return { employeeNo: '', name: '', phone: '', idCard: '', departmentId, status: 'active' };
}

export function draftFromMember(member: MemberRow): MemberDraft {
  return {
    employeeNo: member.employee_no ?? '',
    name: member.name,
    // Stored phones come masked: an empty field keeps the number, as with ID cards.
    phone: '',
    idCard: '',
    departmentId: member.department_id,
    status: member.status,
  };
}

export type MemberDraftResult = { ok: true; input: MemberInput } | { ok: false; errors: MemberDraftErrors };

/** Checks the draft; on success gives what to write (an empty ID field writes nothing). */
export function validateMemberDraft(draft: MemberDraft): MemberDraftResult {
  const errors: MemberDraftErrors = {};
  const employeeNo = draft.employeeNo.trim();
  const name = draft.name.trim();
  const phone = normalizePhone(draft.phone);
  const idCard = draft.idCard.trim().toUpperCase();

  if (employeeNo !== '' && !EMPLOYEE_NO_PATTERN.test(employeeNo)) errors.employeeNo = t('memberForm.error.employeeNo');
  if (name === '') errors.name = t('form.required');
  else if (name.length > 50) errors.name = t('memberForm.error.nameTooLong');
  if (phone !== '' && !isValidMobile(phone)) errors.phone = t('memberForm.error.phone');
  if (idCard !== '') {
    const problem = idCardProblem(idCard);
    if (problem) errors.idCard = t(ID_CARD_MESSAGES[problem]);
  }
  if (draft.departmentId === '') errors.departmentId = t('memberForm.error.department');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      employee_no: employeeNo === '' ? null : employeeNo,
      name,
      ...(phone === '' ? {} : { phone }),
      ...(idCard === '' ? {} : { id_card_number: idCard }),
      department_id: draft.departmentId,
      status: draft.status,
    },
  };
}
