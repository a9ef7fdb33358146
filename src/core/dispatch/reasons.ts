/**
 * Why an order went to whom (or to nobody), as codes: kept on the assignment and its event in the office's
 * words (conversations/dispatch-texts.ts composes them), and told to supervisors when nobody can be offered it.
 */
export type DispatchReason =
  | { code: "technicians" | "noTechnician" | "onDuty" | "nobodyOnDuty" | "roundRobin" | "quoteAccepted" }
  | { code: "skilled" | "noSkill"; skills: readonly string[] }
  | { code: "covers" | "noCover"; building: string }
  | { code: "fewest"; n: number }
  /** a complaint goes to the role its severity names */
  | { code: "complaint"; severity: string; holder: string }
  | { code: "noComplaintHolder"; severity: string }
  /** refused (拒单) or handed over (转单) by `name`; `up`: it climbed to their superior */
  | { code: "refused" | "handedOver"; name: string; reason: string; up: boolean }
  /** 人工派单 by the office */
  | { code: "byHand"; by: string };
