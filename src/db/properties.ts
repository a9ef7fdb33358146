import { parsePolicy, type PolicyInput } from "../core/policy.js";
import type { PropertyInfo } from "../core/ports.js";
import type { Database } from "./client.js";

/** The properties this deployment serves, read at start. */
export class PropertyDirectory {
  private constructor(
    private readonly byId: Map<string, PropertyInfo>,
    private readonly defaultId: string,
  ) {}

  static async load(db: Database, defaultId: string): Promise<PropertyDirectory> {
    const rows = await db.property.findMany();
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, policy: parsePolicy(r.policy) }]));
    if (!byId.has(defaultId)) {
      throw new Error(`DEFAULT_PROPERTY "${defaultId}" does not exist (properties: ${[...byId.keys()].join(", ") || "none"})`);
    }
    return new PropertyDirectory(byId, defaultId);
  }

  /** The named property, or the default one for an unknown or missing id. */
  get(id?: string): PropertyInfo {
    return (id && this.byId.get(id)) || this.byId.get(this.defaultId)!;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/** The demo property the quick start serves (阳光花园, default policy, a few answered questions). */
export const demoPolicy: PolicyInput = {
  timezone: "Asia/Shanghai",
  servicePhone: "0571-88886666",
  faq: [
    {
      keywords: ["物业费", "管理费"],
      answer: "物业费可以在服务中心前台现场缴纳，也可以在本公众号「生活缴费」里用微信支付，每季度第一个月缴纳。",
      answerEn: "Service charges can be paid at the service centre or by WeChat Pay in this account's “Payments” menu, in the first month of each quarter.",
    },
    {
      keywords: ["装修", "手续"],
      answer: "装修前请带房产证（或购房合同）、身份证和装修方案到服务中心办理装修登记，缴纳装修押金后领取装修许可证；施工时间为工作日 8:00–12:00、14:00–18:00。",
      answerEn: "Before renovating, bring your ownership papers, ID and plans to the service centre to register and get a permit; work hours are 8–12 and 14–18 on working days.",
    },
    {
      keywords: ["停车", "车位", "月卡"],
      answer: "停车月卡请到服务中心办理，需要行驶证和房产证明；临时停车前 30 分钟免费。",
      answerEn: "Monthly parking cards are issued at the service centre with your vehicle licence and proof of residence; the first 30 minutes of visitor parking are free.",
    },
  ],
};

export async function ensureDemoProperty(db: Database, id: string): Promise<boolean> {
  if ((await db.property.count()) > 0) return false;
  await db.property.create({ data: { id, name: "阳光花园", policy: demoPolicy as object } });
  return true;
}
