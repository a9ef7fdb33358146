/**
 * Keyword tables Baoshi reads reports with. Edit freely: the first matching row wins,
 * so put the more specific rows first. Strings match anywhere; RegExps for word order.
 * (Over 200 lines: data — every keyword table a property may read and edit, in one file.)
 */
import type { KeywordTables, PlaceWords } from "../src/core/conversation/flow-api.js";

export const keywords: KeywordTables = {
  /** 非常紧急: each hazard picks its safety advice (texts.ts). */
  hazards: [
    { words: ["燃气味", "煤气味", "天然气味", "漏气", "燃气泄漏", "煤气泄漏", "gas leak", "smell gas"], value: "gas" },
    // (打不着火 is a stove or heater that will not light: a repair, not a fire)
    { words: [/(?<!打不|点不|不)着火/, "起火", "失火", "火灾", "冒烟", "烟很大", "烧起来", /\bfire\b/i, "smoke"], value: "fire" },
    {
      words: [
        "困人",
        "被困",
        "困了",
        "关在电梯",
        "困在电梯",
        "电梯里出不来",
        /电梯.{0,8}(卡住|卡在|停住).{0,10}(有人|人在)/,
        /电梯.{0,8}里面有人/,
        /电梯.{0,10}(被)?关在(里面|里头|电梯)/,
        /电梯.{0,10}出不来/,
        "trapped",
      ],
      value: "lift",
    },
    {
      words: ["摔倒", "滑倒", "晕倒", "昏迷", "受伤", "流血", "磕破", "骨折", "不省人事", "心脏病", "fell", "injured", "unconscious", "bleeding"],
      value: "injury",
    },
    {
      words: [/天花板.{0,6}(漏水|滴水|流水|往下流|哗哗)/, /水.{0,4}(哗哗(地|的)?(流|往|冒|喷|淌)|往下灌|从天花板)/, "漏电", "触电", "电线冒火"],
      value: "water_or_power",
    },
  ],
  /** 紧急 */
  // ("不着急", "不急" are not urgent)
  urgent: [
    "进不了门",
    "进不去",
    "锁在门外",
    "在门外",
    /门.{0,4}打不开|打不开.{0,2}门/,
    "反锁",
    "门锁坏",
    /电闸.{0,2}跳|老跳闸/,
    "停电",
    "停水",
    "跳闸",
    "爆管",
    "水管爆",
    "大量漏水",
    "水漫",
    "淹",
    "堵了",
    /(?<!不|别|不着|别着)急|快来|赶紧/,
    /can'?t get in|locked out|burst|flood/i,
  ],
  natures: [
    {
      words: [
        "投诉",
        "态度恶劣",
        "态度差",
        "骂人",
        "打人",
        "不作为",
        "扰民",
        "吵得",
        "太吵",
        "吵死",
        "噪音扰",
        "乱收费",
        "不满意",
        "凭什么",
        "不提前通知",
        "也不管",
        "不管管",
        "没人管",
        "占道",
        "乱停",
        "乱放",
        "不牵绳",
        "连问都不问",
        /你们的?(保洁|保安|管家|客服|物业|人)/,
        "complain",
        /keeps? parking|blocking my/i,
        /态度.{0,2}(差|恶劣|不好)/,
        "修了又坏",
        "还没修好",
        "拖了很久",
        "威胁",
        "恐吓",
        "打不通",
        "什么服务",
        "rude",
      ],
      value: "投诉",
    },
    {
      words: ["建议", "希望增加", "能不能增加", "可否增加", /能不能.{0,6}(装|加|建|设|安装|增设|多放)/, "考虑考虑", "希望物业", "提个意见", "suggest"],
      value: "建议",
    },
    {
      words: [
        "摔倒",
        "滑倒",
        "晕倒",
        "流血",
        "求助",
        "救命",
        "帮帮忙",
        "被困",
        "困人",
        "走失",
        "发烧",
        /帮(忙|我)叫(个|辆)?(车|救护车|医生)/,
        /能不能帮(忙|我)(?!.{0,4}(修|看看|看一下))/,
        "跑丢",
        /(猫|狗|孩子|老人|宠物)(跑)?丢了/,
        "调监控",
        "调一下监控",
        "反锁",
        /有没有人(能|可以)?帮/,
        /帮我(把|搬|抬|拿)/,
        "help me",
      ],
      value: "求助",
    },
    // a question about something broken is still a repair request
    {
      words: [
        "坏了",
        "坏掉",
        "漏水",
        "渗水",
        "滴水",
        "在滴",
        "堵了",
        "堵住",
        "堵塞",
        "不亮",
        "不转",
        "不制冷",
        "没电",
        "没水",
        "不出热水",
        "开裂",
        "关不上",
        "关不紧",
        "打不开",
        "掉了",
        "松了",
        "起拱",
        "失灵",
        "异响",
        "怪声",
        "维修",
        "修一下",
        "来修",
        "噪音很大",
        "broken",
        "leak",
        "out of order",
        "not working",
        "dripping",
        /doesn'?t work|does not work|won'?t (open|close|start|turn|flush|lock)|stopped working|is blocked|clogged/i,
      ],
      value: "报修",
    },
    {
      words: [
        /怎么(交|缴|办|申请|登记|收费|开通|预约)/,
        /如何(交|缴|办|申请|登记|开通)/,
        /(什么|哪些)手续/,
        "请问",
        "多少钱",
        "什么价",
        "收费标准",
        "有没有什么规定",
        /可以.{0,8}吗[？?]?$/,
        /在.{0,4}交还是/,
        /在哪(里|儿)?(交|缴|办|买|领|取)?/,
        /哪里(交|缴|办)/,
        /怎么(补办|补)/,
        "几点上班",
        /\?$|？$/,
      ],
      value: "咨询",
    },
  ],
  categories: [
    { words: ["保洁", "打扫", "清洁", "家政", "擦玻璃", "开荒", "除螨", "cleaning"], value: "B" },
    // (a leak at home is the owner's repair; only a new home's defects are 整改)
    { words: ["新房", "刚交付", "刚交房", "交房", "保修期", "空鼓", "墙面开裂", "裂缝", "质量问题"], value: "C" },
    {
      words: [
        "路灯",
        "公共区域",
        "公区",
        "楼道灯",
        "电梯",
        "门禁",
        "消防",
        "车库",
        "地库",
        "单元门",
        "绿化",
        "草坪",
        "垃圾桶",
        "围墙",
        "积水",
        "井盖",
        "信报箱",
        /\b(lift|elevator|stairwell|stairs|corridor|hallway|lobby|street ?light|gate)\b/i,
      ],
      value: "D",
    },
    // not the owner's own fittings, so not paid: water from the flat above, the whole building without water or power
    {
      words: [
        /(楼上|顶上|天花板|屋顶|楼顶|吊顶).{0,6}(滴水|渗水|漏水|往下滴)/,
        /(整栋|整个单元|全楼|一栋楼|楼里都|全小区|整个小区).{0,6}(没水|停水|没电|停电|没热水|没有热水)/,
      ],
      value: "D",
    },
  ],
  /** 投诉界定 (seed 002): 重大 first, then 重要; default 轻微. */
  severities: [
    { words: ["媒体", "记者", "报警", "起诉", "法院", "上访", "12345", "集体", "很多业主", "多户", "受伤", "死"], value: "重大" },
    // staff who swear at, threaten or lay hands on a resident: never a minor complaint
    {
      words: [
        "多次",
        /[两三四五六七八九几]次/,
        "没修好",
        "反复",
        "屡次",
        "一直没人管",
        "好几次",
        "再不处理",
        "没人管",
        "拖了很久",
        "第二次",
        "骂人",
        "骂我",
        "辱骂",
        "打人",
        "打我",
        "动手",
        "推搡",
        "威胁",
        "恐吓",
        "大吼大叫",
      ],
      value: "重要",
    },
  ],
  /** 专业范畴 of a complaint. */
  domains: [
    { words: ["销售", "售楼", "合同", "交房承诺", "宣传"], value: "销售管理" },
    { words: ["设计", "规划", "户型", "车位规划", "采光"], value: "规划设计" },
    { words: ["维修", "修了又坏", "没修好", "电梯故障", "维保"], value: "维保服务" },
    { words: ["保安", "保洁员", "客服", "管家", "态度", "服务", "物业人员", "收费", "骂人"], value: "服务质量" },
  ],
};

/**
 * Faults that may be the owner's own fittings (paid, A) or the building's supply (common, D): when the report
 * does not say which, the resident is asked once ("只有您家这样吗？"); until they say it is only theirs, it is not paid.
 */
export const whoseFault: readonly (string | RegExp)[] = [
  "没热水",
  "没有热水",
  "不出热水",
  "热水不热",
  "没水",
  "没有水",
  "停水",
  "水压",
  "水很小",
  "水流很小",
  "没电",
  "停电",
  "暖气不热",
  "没暖气",
  /\bno (hot )?water\b|\bno (power|electricity|heating)\b|power cut|low water pressure/i,
];
/** …unless the report names the owner's own fitting (插座没电, 热水器不出热水): then it is theirs. */
export const ownFittings =
  /插座|开关|灯|热水器|水龙头|花洒|马桶|空调|电器|电视|冰箱|洗衣机|门锁|智能锁|\b(socket|switch|light|lamp|heater|boiler|tap|shower|toilet|air ?con)/i;
/** Answers to that question, typed instead of pressed. */
export const onlyOurs =
  /^(只有|就|只是)?(我家|我们家|我这|自己家)(这样|是这样)?的?[。.!！]?$|^只有我|^(only )?(my|our) (flat|home|apartment)( only)?\.?$|^only (me|us|mine|ours)\.?$/i;
export const notOnlyOurs = /整栋|整个|全楼|邻居|别人家|大家|都(这样|没|停)|楼上楼下|其他(人|家)|也(这样|没|停)|whole building|neighbou?rs|everyone|everybody/i;

/** Which question a 咨询 asks, so the answer fits it (how much is not how to pay). First match wins. */
export const questionKinds: readonly { words: readonly (string | RegExp)[]; value: "price" | "how" | "when" }[] = [
  { words: ["多少钱", "多少", "收费标准", "价格", "价钱", "怎么收费", "怎么收", "贵不贵", "几块", "how much", "price", "cost", "fee"], value: "price" },
  { words: ["几点", "什么时候", "时间", "哪天", "when", "what time", "hours"], value: "when" },
  { words: ["怎么", "如何", "在哪", "哪里", "手续", "流程", "需要什么", "要带", "how", "where"], value: "how" },
];

/** Places a report may name instead of a room. */
export const places: PlaceWords = {
  siteWide: [
    "小区南门",
    "小区北门",
    "小区东门",
    "小区西门",
    "南门",
    "北门",
    "东门",
    "西门",
    "大门",
    "正门",
    "侧门",
    "门岗",
    "岗亭",
    "地下车库",
    "车库",
    "停车场",
    "地库",
    "广场",
    "中心花园",
    "花园",
    "会所",
    "游泳池",
    "泳池",
    "儿童乐园",
    "游乐场",
    "篮球场",
    "健身区",
    "垃圾站",
    "垃圾房",
    "快递柜",
    "主干道",
    "小区道路",
    "绿化带",
    "围墙",
    "水景",
    "喷泉",
    "物业中心",
    "south gate",
    "north gate",
    "east gate",
    "west gate",
    "main gate",
    "car park",
    "parking lot",
    "underground garage",
    "playground",
    "swimming pool",
  ],
  inBuilding: [
    "电梯",
    "楼道",
    "楼梯间",
    "楼梯",
    "走廊",
    "大堂",
    "天台",
    "屋顶",
    "地下室",
    "消防通道",
    "单元门",
    "门禁",
    "信报箱",
    "电表箱",
    "消防栓",
    "lift",
    "elevator",
    "stairwell",
    "corridor",
    "lobby",
  ],
};

/** Words for "as soon as possible" (尽快). */
export const asapWords = ["尽快", "马上", "现在", "立刻", "立即", "赶紧", "越快越好", "随时", "asap", "right now", "as soon as possible"];

/** Skills a job needs, read from its description (a technician with any of them can go). */
export const skillWords: readonly { words: readonly string[]; skill: string }[] = [
  { words: ["水管", "漏水", "渗水", "马桶", "下水", "水龙头", "热水器", "地漏", "堵", "水表"], skill: "plumbing" },
  { words: ["电", "插座", "跳闸", "灯", "开关", "电线"], skill: "electrical" },
  { words: ["锁", "门禁", "钥匙"], skill: "locksmith" },
  { words: ["空调", "暖气", "地暖", "新风"], skill: "hvac" },
  { words: ["保洁", "打扫", "清洁", "家政", "擦玻璃"], skill: "cleaning" },
  { words: ["电梯"], skill: "elevator" },
  { words: ["草坪", "绿化", "树"], skill: "greening" },
];

/**
 * Slips a phone keyboard makes (pinyin input picks the wrong word of the same sound), mended before
 * anything reads the message. Each keeps the text's length, so what is read still lines up with it.
 */
export const typos: readonly [RegExp, string][] = [
  [/下五(?=\s*[\d零一二两三四五六七八九十])/g, "下午"],
  [/上五(?=\s*[\d零一二两三四五六七八九十])/g, "上午"],
  [/点话(?=[\s:：]*\d)/g, "电话"],
  [/近快/g, "尽快"],
  [/马统/g, "马桶"],
  [/水笼头/g, "水龙头"],
];
