/** What each simulated resident writes, one message at a time: description, room, phone, time, confirm. */
export const reportMessages = (i: number): string[] => [
  "我家厨房水管漏水了",
  // a room of their own (3,000 of them): one resident's report is not another's repeat
  `${(i % 30) + 1}栋${(Math.floor(i / 30) % 4) + 1}单元${100 * ((Math.floor(i / 120) % 25) + 1) + 1}`,
  `138${String(i).padStart(8, "0")}`,
  "明天下午3点",
  "确认",
];
