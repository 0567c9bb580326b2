import type { BreachCategory, BreachSource, NoticeAudience } from '../../../shared/breach';
import { localDateTime, utcOffset } from '../export/export-words';

/** What a notice is filled from: the record, the shop's name and privacy contact, the affected count. */
export interface NoticeFacts {
  incidentId: number;
  shopName: string;
  contactName: string;
  contactReach: string;
  summary: string;
  source: BreachSource;
  discoveredAt: string;
  occurredAt: string | null;
  categories: BreachCategory[];
  actionsTaken: string;
  affected: number;
  writtenAt: Date;
}

type Lang = 'zh-CN' | 'en';

const CATEGORY: Record<Lang, Record<BreachCategory, string>> = {
  'zh-CN': { basic: '基本信息（姓名、公司、等级）', contact: '联系方式（手机、电话、邮箱、微信）', address: '地址', 'id-document': '身份证号', financial: '银行卡号', notes: '备注' },
  en: { basic: 'basic details (name, company, level)', contact: 'contact details (mobile, phone, email, WeChat)', address: 'address', 'id-document': 'ID number', financial: 'bank card number', notes: 'notes' },
};

const SOURCE: Record<Lang, Record<BreachSource, string>> = {
  'zh-CN': { 'lost-laptop': '电脑丢失', 'leaked-account': '员工账号泄露', insider: '内部人员违规', other: '其他原因' },
  en: { 'lost-laptop': 'a lost computer', 'leaked-account': 'a leaked staff account', insider: 'misuse by someone inside the shop', other: 'another cause' },
};

const when = (iso: string | null, lang: Lang) => (iso ? `${localDateTime(iso)} (${utcOffset(new Date(iso))})` : lang === 'zh-CN' ? '尚不确定' : 'not yet known');

/**
 * The notice to the people affected and the report to the regulator (网信部门), in Chinese and
 * English, with the three elements of PIPL art. 57: the kinds of data, the cause and possible
 * harm; what was done and what people can do; how to reach the shop. A draft the owner reviews
 * before sending: the figures come from the record, the judgement stays the owner's.
 */
export function noticeText(audience: NoticeAudience, lang: Lang, f: NoticeFacts): string {
  const kinds = (f.categories.length > 0 ? f.categories : (['basic'] as BreachCategory[])).map((c) => CATEGORY[lang][c]).join(lang === 'zh-CN' ? '、' : ', ');
  const shop = f.shopName.trim() || (lang === 'zh-CN' ? '本店' : 'our shop');
  const contact = [f.contactName, f.contactReach].filter((s) => s.trim()).join(lang === 'zh-CN' ? '，' : ', ') || (lang === 'zh-CN' ? '（请填写联系人和联系方式）' : '(fill in a contact person and how to reach them)');
  const measures = f.actionsTaken.trim() || (lang === 'zh-CN' ? '（请填写已采取的措施）' : '(fill in the measures taken)');
  const ref = `${lang === 'zh-CN' ? '事件编号' : 'Incident'} #${f.incidentId} · ${when(f.writtenAt.toISOString(), lang)}`;
  if (lang === 'zh-CN') {
    if (audience === 'customers') {
      return [
        `${shop}关于个人信息安全事件的告知`,
        '',
        '尊敬的客户：',
        `我们于${when(f.discoveredAt, lang)}发现一起个人信息安全事件（原因：${SOURCE[lang][f.source]}），可能涉及您的以下信息：${kinds}。`,
        `事件经过：${f.summary}`,
        `可能造成的危害：他人可能利用上述信息联系您、冒充本店或进行诈骗。`,
        `我们已采取的补救措施：${measures}`,
        '您可以采取的措施：警惕自称本店的陌生来电、短信和链接，不要透露验证码或银行卡密码；如发现异常，请及时与我们联系。',
        `联系方式：${contact}`,
        '',
        ref,
      ].join('\r\n');
    }
    return [
      '个人信息安全事件报告（网信部门）',
      '',
      `报告单位：${shop}`,
      `发现时间：${when(f.discoveredAt, lang)}；发生时间：${when(f.occurredAt, lang)}`,
      `事件原因：${SOURCE[lang][f.source]}`,
      `事件经过：${f.summary}`,
      `涉及的个人信息种类：${kinds}`,
      `可能受影响的人数：${f.affected}`,
      `已采取的补救措施：${measures}`,
      '对个人的告知：见随附的客户告知书。',
      `联系人及联系方式：${contact}`,
      '',
      ref,
    ].join('\r\n');
  }
  if (audience === 'customers') {
    return [
      `Notice from ${shop} about a personal data incident`,
      '',
      'Dear customer,',
      `On ${when(f.discoveredAt, lang)} we found a personal data incident (cause: ${SOURCE[lang][f.source]}) that may involve the following of your data: ${kinds}.`,
      `What happened: ${f.summary}`,
      'Possible harm: someone could use these details to contact you, pretend to be our shop, or attempt fraud.',
      `What we have done: ${measures}`,
      'What you can do: be careful with unexpected calls, messages and links that claim to come from us; never share verification codes or card PINs; tell us if you notice anything unusual.',
      `How to reach us: ${contact}`,
      '',
      ref,
    ].join('\r\n');
  }
  return [
    'Personal data incident report to the regulator',
    '',
    `Reported by: ${shop}`,
    `Discovered: ${when(f.discoveredAt, lang)}; occurred: ${when(f.occurredAt, lang)}`,
    `Cause: ${SOURCE[lang][f.source]}`,
    `What happened: ${f.summary}`,
    `Kinds of personal data involved: ${kinds}`,
    `People possibly affected: ${f.affected}`,
    `Measures taken: ${measures}`,
    'Notice to the people affected: see the enclosed customer notice.',
    `Contact person and details: ${contact}`,
    '',
    ref,
  ].join('\r\n');
}
