import type { TFunction } from 'i18next';
import type { Notice, NoticeCode } from '../../../flows/accessFlow.types.ts';
import type { Block, Tone } from '../prompt.ts';

// One-off remarks the flow emits beside a step (no match, not offered, a role name problem…).

const TONES: Partial<Record<NoticeCode, Tone>> = {
  'role-created': 'good',
  'not-offered': 'warning',
  'protected-owner': 'warning',
  'no-permission': 'warning',
  'role-rejected': 'attention',
  'save-failed': 'attention',
};

export function describeNotice(notice: Notice, t: TFunction): Block {
  if (notice.code === 'role-name-problem') {
    return { kind: 'text', text: t(`notices.roleName.${notice.problem}`), tone: 'warning' };
  }
  if (notice.code === 'refused') return { kind: 'text', text: t(`refusals.${notice.reason}`), tone: 'attention' };
  return { kind: 'text', text: t(`notices.${notice.code}`), tone: TONES[notice.code] ?? 'default' };
}
