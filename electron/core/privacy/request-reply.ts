import type { Locale } from '../../../shared/locale';
import type { RequestState, RequestType } from '../../../shared/privacy-requests';

/**
 * The reply to a data-subject request, in the requester's language (issue 16, "request replies").
 * Written here, in main, from the request's own facts so the page cannot add a customer field to
 * it: the masked name (王*), the dates, the outcome or refusal reason the handler recorded, and the
 * owner's privacy contact (PIPL art. 52: who to reach about personal information). Pure: tested as text.
 */
export interface ReplyFacts {
  id: number;
  type: RequestType;
  state: RequestState;
  receivedOn: string;
  dueOn: string;
  extensionReason: string | null;
  outcome: string | null;
  refusalReason: string | null;
  /** Masked, and only when exactly one customer is linked; null otherwise. */
  maskedName: string | null;
  shopName: string;
  contactName: string;
  contactReach: string;
  today: string;
}

const WHAT: Record<Locale, Record<RequestType, string>> = {
  en: {
    access: 'your request to see the personal data we hold about you',
    correction: 'your request to correct your personal data',
    deletion: 'your request to delete your personal data',
    withdrawal: 'your request to withdraw your consent',
    portability: 'your request for a copy of your personal data to take elsewhere',
    explanation: 'your request for an explanation of how we handle your personal data',
    restriction: 'your request to restrict how we use your personal data',
    complaint: 'your complaint about how we handled your personal data',
  },
  'zh-CN': {
    access: '查阅您的个人信息的请求',
    correction: '更正您的个人信息的请求',
    deletion: '删除您的个人信息的请求',
    withdrawal: '撤回同意的请求',
    portability: '获取您的个人信息副本以便转移的请求',
    explanation: '要求说明个人信息处理规则的请求',
    restriction: '限制处理您的个人信息的请求',
    complaint: '关于个人信息处理的投诉',
  },
};

function longDate(language: Locale, day: string): string {
  // Days are calendar days (UTC midnights), formatted without a zone shift.
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function english(f: ReplyFacts): string[] {
  const date = (d: string) => longDate('en', d);
  const lines = [`Reply to your privacy request (reference #${f.id})`, '', `Dear ${f.maskedName ?? 'customer'},`, '', `On ${date(f.receivedOn)} we received ${WHAT.en[f.type]}.`];
  if (f.refusalReason) {
    lines.push(`We cannot carry out your request, for this reason: ${f.refusalReason}`, 'If you disagree, you may contact us, or complain to the authority that oversees personal data protection.');
  } else if (f.outcome) {
    lines.push(`We have dealt with it. Outcome: ${f.outcome}`);
  } else {
    lines.push(`We are working on it and will answer by ${date(f.dueOn)}.`);
    if (f.extensionReason) lines.push(`The time to answer was extended, because: ${f.extensionReason}`);
  }
  lines.push('');
  lines.push(f.contactName.trim() ? `Questions about your personal data: please contact ${f.contactName.trim()}${f.contactReach.trim() ? `, ${f.contactReach.trim()}` : ''}.` : 'Questions about your personal data: please contact us at the shop.');
  lines.push('', f.shopName, date(f.today));
  return lines;
}

function chinese(f: ReplyFacts): string[] {
  const date = (d: string) => longDate('zh-CN', d);
  const lines = [`关于您的个人信息请求的答复（编号 #${f.id}）`, '', `${f.maskedName ?? '尊敬的客户'}，您好：`, '', `我们于${date(f.receivedOn)}收到您${WHAT['zh-CN'][f.type]}。`];
  if (f.refusalReason) {
    lines.push(`我们无法办理您的请求，理由如下：${f.refusalReason}`, '如有异议，您可以与我们联系，也可以向履行个人信息保护职责的部门投诉、举报。');
  } else if (f.outcome) {
    lines.push(`我们已办理完毕。处理结果：${f.outcome}`);
  } else {
    lines.push(`我们正在办理，将于${date(f.dueOn)}前答复您。`);
    if (f.extensionReason) lines.push(`答复期限已延长，原因：${f.extensionReason}`);
  }
  lines.push('');
  lines.push(f.contactName.trim() ? `如对您的个人信息有任何疑问，请联系我们的个人信息保护负责人：${f.contactName.trim()}${f.contactReach.trim() ? `（${f.contactReach.trim()}）` : ''}。` : '如对您的个人信息有任何疑问，请与本店联系。');
  lines.push('', f.shopName, date(f.today));
  return lines;
}

export function replyText(language: Locale, facts: ReplyFacts): string {
  return (language === 'en' ? english(facts) : chinese(facts)).join('\n');
}
