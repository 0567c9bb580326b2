/**
 * Word lists for the demo data set (demo-data.ts). Kept apart so the generator stays readable.
 * Each Chinese word carries its pinyin, so e-mail addresses and domains can be derived from it
 * the way real ones are (wangwei88@163.com, huaxin-tech.com).
 * Numbers are fictional where a reserved range exists (US 555-01xx, UK 020 7946 0xxx,
 * AU 02 5550 xxxx); Chinese mobiles have no such range, so those are random.
 */

import type { InteractionKind } from '../customers/timeline-repository';

export type Pinyin = readonly [hanzi: string, pinyin: string];

/** The most common surnames, most frequent first; the generator favours the front of the list. */
export const SURNAMES: readonly Pinyin[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'],
  ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['潘', 'pan'], ['袁', 'yuan'], ['蔡', 'cai'], ['蒋', 'jiang'], ['余', 'yu'],
];

export const GIVEN_CHARS: readonly Pinyin[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'],
  ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['英', 'ying'], ['华', 'hua'], ['玉', 'yu'],
  ['晓', 'xiao'], ['建', 'jian'], ['国', 'guo'], ['文', 'wen'], ['婷', 'ting'], ['雪', 'xue'], ['海', 'hai'], ['鹏', 'peng'],
  ['辉', 'hui'], ['佳', 'jia'], ['欣', 'xin'], ['宇', 'yu'], ['浩', 'hao'], ['子', 'zi'], ['思', 'si'], ['梓', 'zi'],
  ['琳', 'lin'], ['志', 'zhi'], ['红', 'hong'], ['春', 'chun'], ['丹', 'dan'], ['斌', 'bin'], ['林', 'lin'], ['博', 'bo'],
  ['俊', 'jun'], ['凯', 'kai'], ['慧', 'hui'], ['颖', 'ying'], ['晨', 'chen'], ['睿', 'rui'], ['涵', 'han'], ['蕾', 'lei'],
];

export const ENGLISH_FIRST = [
  'James', 'Oliver', 'Jack', 'Harry', 'George', 'Thomas', 'William', 'Daniel', 'Michael', 'David', 'Matthew', 'Ryan', 'Liam', 'Noah',
  'Emma', 'Olivia', 'Amelia', 'Sophie', 'Charlotte', 'Emily', 'Grace', 'Hannah', 'Chloe', 'Lucy', 'Sarah', 'Jessica', 'Laura', 'Mia',
] as const;
export const ENGLISH_LAST = [
  'Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Wilson', 'Evans', 'Thomas', 'Johnson', 'Roberts', 'Walker', 'Wright',
  'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Martin', 'Cooper', 'Miller',
] as const;

/** [city, landline area code, an ID-number district prefix of that city, weight]. */
export type ChineseCity = readonly [city: string, areaCode: string, idPrefix: string, weight: number];
/** [province, region, cities]; the four municipalities are their own province. */
export const CHINESE_PLACES: readonly (readonly [province: string, region: string, cities: readonly ChineseCity[]])[] = [
  ['广东', '华南', [['深圳', '0755', '440304', 6], ['广州', '020', '440106', 6], ['东莞', '0769', '441900', 3], ['佛山', '0757', '440604', 2]]],
  ['浙江', '华东', [['杭州', '0571', '330106', 5], ['宁波', '0574', '330203', 2], ['温州', '0577', '330302', 2], ['义乌', '0579', '330782', 2]]],
  ['江苏', '华东', [['南京', '025', '320106', 3], ['苏州', '0512', '320508', 4], ['无锡', '0510', '320213', 2]]],
  ['上海', '华东', [['上海', '021', '310104', 8]]],
  ['北京', '华北', [['北京', '010', '110105', 7]]],
  ['天津', '华北', [['天津', '022', '120101', 2]]],
  ['河北', '华北', [['石家庄', '0311', '130102', 1]]],
  ['山东', '华东', [['济南', '0531', '370102', 2], ['青岛', '0532', '370202', 2]]],
  ['福建', '华南', [['厦门', '0592', '350203', 2], ['福州', '0591', '350102', 2]]],
  ['广西', '华南', [['南宁', '0771', '450103', 1]]],
  ['四川', '西南', [['成都', '028', '510104', 4]]],
  ['重庆', '西南', [['重庆', '023', '500103', 3]]],
  ['云南', '西南', [['昆明', '0871', '530102', 1]]],
  ['湖北', '华中', [['武汉', '027', '420106', 3]]],
  ['湖南', '华中', [['长沙', '0731', '430102', 2]]],
  ['河南', '华中', [['郑州', '0371', '410105', 2]]],
  ['安徽', '华东', [['合肥', '0551', '340104', 2]]],
  ['陕西', '西北', [['西安', '029', '610113', 2]]],
  ['辽宁', '东北', [['沈阳', '024', '210102', 1], ['大连', '0411', '210202', 1]]],
  ['黑龙江', '东北', [['哈尔滨', '0451', '230102', 1]]],
];

/** Where customers with English names live: mostly abroad, a few in China. */
export interface ForeignPlace {
  province: string;
  city: string;
  currency: string;
  /** Builds a phone number in international form from a random digit source. */
  phone: (digits: (n: number) => string) => string;
  region: string;
  companySuffix: string;
  tld: string;
  weight: number;
}
export const FOREIGN_PLACES: readonly ForeignPlace[] = [
  { province: 'England', city: 'London', currency: 'GBP', phone: (d) => `+44 20 7946 0${d(3)}`, region: 'Overseas', companySuffix: 'Ltd', tld: 'co.uk', weight: 5 },
  { province: 'England', city: 'Manchester', currency: 'GBP', phone: (d) => `+44 161 496 0${d(3)}`, region: 'Overseas', companySuffix: 'Ltd', tld: 'co.uk', weight: 2 },
  { province: 'New South Wales', city: 'Sydney', currency: 'AUD', phone: (d) => `+61 2 5550 ${d(4)}`, region: 'Overseas', companySuffix: 'Pty Ltd', tld: 'com.au', weight: 4 },
  { province: 'Victoria', city: 'Melbourne', currency: 'AUD', phone: (d) => `+61 3 5550 ${d(4)}`, region: 'Overseas', companySuffix: 'Pty Ltd', tld: 'com.au', weight: 3 },
  { province: 'California', city: 'San Francisco', currency: 'USD', phone: (d) => `+1 415 555 01${d(2)}`, region: 'Overseas', companySuffix: 'Inc.', tld: 'com', weight: 4 },
  { province: 'New York', city: 'New York', currency: 'USD', phone: (d) => `+1 212 555 01${d(2)}`, region: 'Overseas', companySuffix: 'LLC', tld: 'com', weight: 4 },
  { province: 'Ontario', city: 'Toronto', currency: 'CAD', phone: (d) => `+1 416 555 01${d(2)}`, region: 'Overseas', companySuffix: 'Inc.', tld: 'ca', weight: 2 },
  { province: 'Berlin', city: 'Berlin', currency: 'EUR', phone: (d) => `+49 30 ${d(8)}`, region: 'Overseas', companySuffix: 'GmbH', tld: 'de', weight: 2 },
  { province: 'Île-de-France', city: 'Paris', currency: 'EUR', phone: (d) => `+33 1 42 ${d(2)} ${d(2)} ${d(2)}`, region: 'Overseas', companySuffix: 'SARL', tld: 'fr', weight: 1 },
  { province: 'Singapore', city: 'Singapore', currency: 'SGD', phone: (d) => `+65 6${d(3)} ${d(4)}`, region: 'Overseas', companySuffix: 'Pte Ltd', tld: 'com.sg', weight: 2 },
  { province: '香港', city: '香港', currency: 'HKD', phone: (d) => `+852 2${d(3)} ${d(4)}`, region: '港澳', companySuffix: 'Limited', tld: 'com.hk', weight: 1 },
];

/** Mobile prefixes in use by the three carriers (and their virtual operators). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
] as const;

export const CN_MAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'gmail.com', 'outlook.com'] as const;
export const EN_MAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com'] as const;

export const CN_COMPANY_STEMS: readonly Pinyin[] = [
  ['华信', 'huaxin'], ['鼎盛', 'dingsheng'], ['恒达', 'hengda'], ['宏远', 'hongyuan'], ['金鹏', 'jinpeng'], ['瑞丰', 'ruifeng'],
  ['嘉禾', 'jiahe'], ['泰和', 'taihe'], ['新锐', 'xinrui'], ['博雅', 'boya'], ['永兴', 'yongxing'], ['天成', 'tiancheng'],
  ['锦程', 'jincheng'], ['汇通', 'huitong'], ['远航', 'yuanhang'], ['盛世', 'shengshi'], ['明德', 'mingde'], ['东方', 'dongfang'],
];
/** [suffix, the industry such a company is usually in, domain hint]. */
export const CN_COMPANY_KINDS: readonly (readonly [string, string, string])[] = [
  ['科技有限公司', '软件信息', 'tech'], ['贸易有限公司', '批发零售', 'trade'], ['电子有限公司', '电子制造', 'elec'],
  ['服饰有限公司', '服装纺织', 'fashion'], ['餐饮管理有限公司', '餐饮', 'food'], ['装饰工程有限公司', '建筑装修', 'deco'],
  ['物流有限公司', '物流', 'logistics'], ['教育咨询有限公司', '教育培训', 'edu'], ['医疗器械有限公司', '医疗器械', 'med'],
  ['实业有限公司', '制造业', 'group'], ['电子商务有限公司', '电子商务', 'ec'],
];
export const EN_COMPANY_STEMS = ['Northwind', 'Bluebell', 'Harbour', 'Redwood', 'Silverline', 'Oakridge', 'Brightwater', 'Kestrel', 'Meridian', 'Summit', 'Willow', 'Granite'] as const;
/** [word, industry]. */
export const EN_COMPANY_KINDS: readonly (readonly [string, string])[] = [
  ['Trading', 'Wholesale'], ['Retail', 'Retail'], ['Foods', 'Hospitality'], ['Logistics', 'Logistics'], ['Design', 'Construction'],
  ['Software', 'Software'], ['Imports', 'Wholesale'], ['Supplies', 'Manufacturing'], ['Learning', 'Education'], ['Health', 'Healthcare'],
];

export const CN_STREETS = ['人民路', '中山路', '建设路', '解放路', '和平路', '新华路', '长江路', '滨海大道', '科技园路', '工业大道', '文化路', '东风路'] as const;
export const EN_STREETS = ['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'King Street', 'Queen Street', 'Victoria Road', 'Market Street'] as const;

export const CN_SOURCES = ['转介绍', '微信', '展会', '官网', '到店', '电话营销', '抖音', '老客户推荐'] as const;
export const EN_SOURCES = ['Referral', 'WeChat', 'Trade fair', 'Website', 'Walk-in', 'LinkedIn', 'Cold call'] as const;

export const TAGS = ['老客户', '重点', '批发', '零售', '待跟进', 'wholesale', 'newsletter', 'VIP event', 'overdue', '长期合作'] as const;

export const CN_NOTES = ['喜欢下午联系', '只用微信沟通', '发票抬头需写全称', '月底统一结账', '对价格比较敏感', '老板的朋友介绍', '春节前备货量大', '需要提前预约上门'] as const;
export const EN_NOTES = ['Prefers e-mail to calls', 'Pays by invoice, 30 days', 'Ask for the purchasing manager', 'Closed on Mondays', 'Price sensitive', 'Met at the Canton Fair'] as const;

/** Summaries per interaction kind. */
export const CN_SUMMARIES: Readonly<Record<InteractionKind, readonly string[]>> = {
  call: ['电话回访，客户对新品感兴趣', '电话沟通报价，客户要再考虑', '电话确认发货时间', '客户来电咨询售后政策'],
  email: ['发送了春季产品目录', '邮件发送报价单', '邮件确认合同条款', '发送了发票和对账单'],
  wechat: ['微信发了新品图片', '微信沟通样品细节', '客户微信咨询库存', '微信发送了付款链接'],
  visit: ['上门拜访，参观了客户仓库', '客户来公司洽谈年度合作', '拜访客户，送了样品', '陪同客户看了展厅'],
  service: ['处理了退换货', '安排师傅上门维修', '补发了缺少的配件', '协助客户安装调试'],
  feedback: ['客户反馈包装有破损', '客户表扬了发货速度', '客户建议增加颜色选择', '客户反馈价格偏高'],
  note: ['客户下季度可能扩大采购', '对方负责人换人了', '客户在比较两家供应商', '记得节日问候'],
};
export const EN_SUMMARIES: Readonly<Record<InteractionKind, readonly string[]>> = {
  call: ['Follow-up call, interested in the new range', 'Called about the quote, will decide next week', 'Confirmed the delivery date by phone'],
  email: ['Sent the spring catalogue', 'Sent the quotation', 'Emailed the updated price list', 'Sent the invoice and statement'],
  wechat: ['WeChat: shared photos of the samples', 'WeChat: asked about stock levels', 'WeChat: sent the payment link'],
  visit: ['Visited their shop, met the owner', 'They visited our showroom', 'Site visit, dropped off samples'],
  service: ['Arranged a replacement for a damaged item', 'Sent the missing parts', 'Helped with installation over video'],
  feedback: ['Happy with the delivery time', 'Packaging arrived damaged', 'Asked for more colour options'],
  note: ['May double the order next quarter', 'New purchasing manager from March', 'Comparing us with another supplier'],
};

/** [item, lowest price, highest price], in major units of the customer's currency. */
export const CN_ITEMS: readonly (readonly [string, number, number])[] = [
  ['办公椅 20 把', 3000, 9000], ['茶叶礼盒', 300, 3000], ['年度维护服务', 5000, 50000], ['打印耗材', 200, 2000],
  ['定制工服 50 套', 4000, 15000], ['LED 灯具一批', 2000, 30000], ['样品费', 100, 800], ['软件授权 (一年)', 2000, 20000],
];
export const EN_ITEMS: readonly (readonly [string, number, number])[] = [
  ['Sample pack', 20, 150], ['Spring catalogue order', 300, 5000], ['Annual support plan', 500, 4000], ['Bulk order: tea sets', 800, 12000],
  ['Replacement parts', 30, 400], ['Custom printing', 200, 3000],
];

export const CN_REMINDERS = ['回访新品试用情况', '跟进报价', '提醒客户续约', '确认收货并收款', '节日问候', '约时间上门拜访'] as const;
export const EN_REMINDERS = ['Follow up on the quote', 'Check the samples arrived', 'Renewal is due', 'Chase the overdue invoice', 'Book a visit'] as const;

export const CN_PURCHASE_NOTES = ['已开票', '月结', '含运费', '首单九折', '分两批发货'] as const;
export const EN_PURCHASE_NOTES = ['Paid by bank transfer', 'Includes shipping', '10% off first order', 'Invoice sent'] as const;
