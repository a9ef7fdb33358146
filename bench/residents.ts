/** What each simulated resident writes, one message at a time: description, room, phone, time, confirm. */
export const reportMessages = (i: number): string[] => [
  "我家厨房水管漏水了",
  `${(i % 30) + 1}栋${(i % 4) + 1}单元${100 * ((i % 25) + 1) + (i % 4) + 1}`,
  `138${String(i).padStart(8, "0")}`,
  "明天下午3点",
  "确认",
];
