// (Over 200 lines: the composition root — it builds and wires every part; nothing else lives here.)
import { randomUUID } from "node:crypto";
import { lateBy, newTimeTexts, sweepTexts } from "../conversations/reminders.js";
import { callbackWords } from "../conversations/callbacks.js";
import { CallbackDesk } from "./core/callbacks/callback-desk.js";
import { QuoteDesk } from "./core/quotes/quote-desk.js";
import { NewTimeDesk } from "./core/visits/new-time.js";
import { UrgeDesk } from "./core/visits/urge-desk.js";
import { TicketNotes } from "./core/ticket/ticket-notes.js";
import { HumanRequests } from "./core/staff/human-requests.js";
import { handoffTexts } from "../conversations/handoff-texts.js";
import { HandoffStore } from "./db/handoff-store.js";
import { HandoffDesk } from "./core/handoff/handoff-desk.js";
import { HandoffOffice } from "./core/handoff/handoff-office.js";
import { HandoffRelay } from "./core/handoff/relay.js";
import { escalateUnanswered } from "./core/handoff/unanswered.js";
import { fileForResident } from "./core/handoff/filed-for.js";
import { waitsForTheOffice } from "./core/policy/calendar.js";
import { classify } from "./core/ticket/classify.js";
import { keywords } from "../conversations/keywords.js";
import { noteTexts } from "../conversations/ticket-note-texts.js";
import { deadLetterTexts } from "../conversations/outbox-texts.js";
import { urgeWords } from "../conversations/urge.js";
import { quoteWords } from "../conversations/quotes.js";
import { DeadlineSweep } from "./core/deadlines/deadline-sweep.js";
import { DeadlineStore } from "./db/deadline-store.js";
import { JobLeases } from "./db/job-leases.js";
import { Scheduler, type Job } from "./scheduler/scheduler.js";
import { sweepJob } from "./scheduler/jobs/sweep.js";
import { CallbackReminders } from "./core/callbacks/callback-reminders.js";
import { CallbackJobStore } from "./db/callback-job-store.js";
import { ReportStore } from "./db/report-store.js";
import { StatsStore } from "./db/stats-store.js";
import { StatisticsDesk } from "./core/statistics/statistics.js";
import { StatsOffice } from "./core/statistics/stats-office.js";
import { startOfDay } from "./core/policy/zoned.js";
import { statsRoutes } from "./http/stats.js";
import { reportRoutes } from "./http/reports.js";
import { StoredReports } from "./db/stored-reports.js";
import { exportRoutes } from "./http/exports.js";
import { RegisterStore } from "./db/register-store.js";
import { reportJob } from "./scheduler/jobs/reports.js";
import { dailyText, monthlyText } from "../conversations/reports.js";
import { commands, engineTexts, flows, inputTexts, roles, skillsOf, staffWords } from "../conversations/index.js";
import { typos } from "../conversations/keywords.js";
import { StaffDesk } from "./core/staff/staff-desk.js";
import { Dispatcher } from "./core/dispatch/dispatcher.js";
import { DeskRouter } from "./core/intake/desks.js";
import { dispatchTexts } from "../conversations/dispatch-texts.js";
import { vocabulary } from "../conversations/vocabulary.js";
import { channelTexts } from "../conversations/channel-texts.js";
import { OfficeActions } from "./core/ticket/office-actions.js";
import { DbOfficeStore } from "./db/office-store.js";
import { DbChatHistory } from "./db/chat-history.js";
import { SenderLease } from "./outbox/sender-lease.js";
import { StaffAdmin } from "./core/staff/staff-admin.js";
import { SignIn } from "./core/access/sign-in.js";
import { Attempts } from "./core/access/attempts.js";
import { DbAccessStore } from "./db/access-store.js";
import { BoardStore } from "./db/board-store.js";
import { TicketFiles } from "./db/ticket-files.js";
import { FeedStore } from "./db/feed-store.js";
import { BoardFeed } from "./console/feed.js";
import { consoleRoutes } from "./console/routes.js";
import { CallbackList } from "./db/callback-list.js";
import { CallbackOffice } from "./core/callbacks/callback-office.js";
import { QuoteOffice } from "./core/quotes/quote-office.js";
import { OrderChanges } from "./core/visits/order-changes.js";
import { FrontDesk } from "./core/intake/front-desk.js";
import { frontDeskRoutes } from "./http/front-desk.js";
import { reportForm } from "../conversations/report.js";
import { describeFiled } from "../conversations/report-texts.js";
import { needsVisit } from "../conversations/report-slots.js";
import { consoleTexts } from "../conversations/console-texts.js";
import { DbStaffAdminStore } from "./db/staff-admin-store.js";
import { dispatchOrder } from "./core/dispatch/choose-worker.js";
import type { Clock } from "./core/policy/clock.js";
import { ConversationEngine } from "./core/conversation/engine.js";
import { Intake } from "./core/intake/intake.js";
import { openStore } from "./db/connection.js";
import { DbConversationStore } from "./db/conversation-store.js";
import { HotPath } from "./db/hot-path.js";
import { applyPolicyFiles, PropertyDirectory, PropertyRecords } from "./db/properties.js";
import { buildServer } from "./http/server.js";
import type { Channel } from "./adapters/channel.js";
import { TelegramChannel } from "./adapters/telegram/channel.js";
import { WebChannel } from "./adapters/web/channel.js";
import { DbOutboxStore } from "./db/outbox-store.js";
import type { WechatyOptions } from "wechaty";
import { assertPuppetInstalled, WechatChannel } from "./adapters/wechat/channel.js";
import { ticketActionRoutes } from "./http/ticket-actions.js";
import { VisitorLimit } from "./adapters/web/visitor-limit.js";
import type { FastifyInstance } from "fastify";
import type { ChannelName } from "./core/ticket/domain.js";
import type { OutboxRecord } from "./core/ports.js";
import type { AppLogger } from "./log.js";
import type { Config } from "./config.js";

/** prisma/migrations beside src/ (tsx) or beside dist/ (compiled). */

/** Builds everything the service is, in order; nothing starts listening here. */
export async function createApp(
  config: Config,
  deps: {
    clock: Clock;
    log: AppLogger;
    migrationsDir?: string;
    wechatPuppet?: WechatyOptions["puppet"] /** names this instance in job leases */;
    instanceId?: string;
  },
) {
  const { log, clock } = deps;
  // checked before anything is opened or written
  if (config.WECHATY_PUPPET && !deps.wechatPuppet) assertPuppetInstalled(config.WECHATY_PUPPET);
  const opened = await openStore(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL,
    ...(deps.migrationsDir ? { migrations: deps.migrationsDir } : {}),
    onConnectionError: (err) => log.warn({ err: String(err) }, "database: a pooled connection was lost; it is replaced"),
  });
  const db = opened.prisma;
  if (opened.migrated.length) log.info({ migrations: opened.migrated, provider: opened.provider }, "database migrated");
  const records = new PropertyRecords(opened.sql);
  await applyPolicyFiles(db, records, config.POLICIES_DIR, log);
  const properties = await PropertyDirectory.load(db, config.DEFAULT_PROPERTY);
  const policyOf = (id: string) => properties.get(id).policy;
  const hot = new HotPath(opened.sql, policyOf);
  const store = new DbConversationStore(db, hot);
  const engine = new ConversationEngine(flows, commands, engineTexts, roles);
  // the running channels: web chat always, Telegram and WeChat when configured (added below, once built)
  const channels: Channel[] = [new WebChannel()];
  const channelOf = (name: ChannelName) => channels.find((c) => c.name === name);
  /** the account a channel pushes from; undefined for web chat (its replies are read in the page) or a channel not running */
  const accountOf = (name: ChannelName) => {
    const c = channelOf(name);
    return c && !c.inline ? c.account : undefined;
  };
  /** rows just committed go straight to their channel's sender */
  const offerPending = (rows: readonly OutboxRecord[]) => {
    for (const o of rows) if (o.status === "pending") channelOf(o.channel)?.offer([{ id: o.id, recipient: o.recipient, payload: o.payload, attempts: 0 }]);
  };
  const pushed = () => new Map(channels.filter((c) => !c.inline).map((c) => [c.name, c.account] as const));
  const signIn = new SignIn({
    store: new DbAccessStore(opened.sql),
    attempts: new Attempts(config.SIGN_IN_ATTEMPTS),
    adminToken: config.ADMIN_TOKEN,
    sessionMinutes: config.SESSION_TTL.minutes,
  });
  const dispatcher = new Dispatcher(store, skillsOf, accountOf, dispatchTexts);
  const callbackDesk = new CallbackDesk(store, callbackWords, { workforce: store, accountOf, policyOf });
  const handoffs = new HandoffStore(opened.sql);
  const history = new DbChatHistory(opened.sql);
  const residentOf = (key: string) => hot.loadResident(key);
  const handoffOffice = new HandoffOffice({ reads: handoffs, workforce: store, residentOf, history, accountOf, texts: handoffTexts });
  const intake = new Intake({
    store,
    properties,
    engine,
    clock,
    log,
    texts: inputTexts,
    inlineChannels: new Set(channels.filter((c) => c.inline).map((c) => c.name)),
    maxTextLength: config.MAX_MESSAGE_LENGTH,
    // the desks, in the order they are asked
    desks: new DeskRouter([
      // 转人工 first: a steward in a conversation writes to the resident, whatever the words
      new HandoffDesk({
        reads: handoffs,
        office: handoffOffice,
        staffByIdentity: (channel, id) => store.staffByIdentity(channel, id),
        texts: handoffTexts,
        onBehalf: { pattern: staffWords.onBehalf, trigger: staffWords.reportTrigger },
        residentOf,
      }),
      new StaffDesk(store, staffWords, { accountOf, policyOf }, dispatcher, (staffId, now) => ({
        url: `${config.PUBLIC_URL}/console/link?t=${signIn.linkToken(staffId, now).token}`,
        minutes: 10,
      })),
      callbackDesk,
      new QuoteDesk(store, quoteWords, { dispatcher, policyOf }),
      new NewTimeDesk(store, newTimeTexts, { dispatcher, policyOf }),
      new UrgeDesk(store, urgeWords, { workforce: store, accountOf, policyOf, lateBy }),
    ]),
    typos,
    notes: new TicketNotes({ workforce: store, accountOf, policyOf, ticket: (id) => store.ticketById(id), texts: noteTexts }),
    humans: new HumanRequests({ workforce: store, accountOf, policyOf, texts: handoffTexts, reads: handoffs, history }),
    filedFor: fileForResident({ residentOf, accountOf, texts: handoffTexts }),
    relay: new HandoffRelay({
      reads: handoffs,
      workforce: store,
      accountOf,
      texts: handoffTexts,
      urgent: (text) => classify(text, keywords).urgency === "非常紧急",
      passes: (text) => commands.menu.includes(text.toLowerCase()),
      consoleLink: (id) => `${config.PUBLIC_URL}/console/conversations/${id}`,
      officeClosed: (propertyId, now) => waitsForTheOffice({ urgency: "一般" }, policyOf(propertyId), now),
    }),
    dispatcher,
    afterCommit: (ws) => {
      if (ws.binding) store.forgetWorkforce();
      offerPending(ws.outbox);
    },
  });
  const outbox = new DbOutboxStore(hot.db, config.DEFAULT_PROPERTY, deadLetterTexts);
  const sweep = new DeadlineSweep({ workforce: store, dispatcher, policyOf, accountOf, texts: sweepTexts });
  const deadlineStore = new DeadlineStore(hot);
  const callbackStore = new CallbackJobStore(hot);
  const reminders = new CallbackReminders({
    workforce: store,
    policyOf,
    accountOf,
    texts: callbackWords.texts,
    satisfaction: callbackWords.satisfaction,
    lateBy,
  });
  outbox.senders = pushed;
  outbox.offer = (alerts) => {
    for (const a of alerts) channelOf(a.channel)?.offer([a.row]);
  };
  const outboxJob = {
    name: "outbox",
    schedule: config.SCHEDULE_OUTBOX,
    // retries are polled by each sender every second; this finds sends interrupted by a crash
    run: async (now: Date) => ({
      released: await outbox.releaseHeld(now),
      unconfirmed: await outbox.recoverClaims(new Date(now.getTime() - config.JOB_LEASE), now),
    }),
  };
  const jobs: Job[] = [
    outboxJob,
    sweepJob(
      "deadlines",
      config.SCHEDULE_DEADLINES,
      "tickets",
      {
        due: async (now, n) => dispatchOrder(await deadlineStore.due(now, n)),
        plan: (t, now) => sweep.plan(t, now),
        settle: (c, now) => sweep.settle(c, now),
        apply: (c, now) => deadlineStore.apply(c, now),
      },
      offerPending,
    ),
    sweepJob(
      "callbacks",
      config.SCHEDULE_CALLBACKS,
      "callbacks",
      { due: (now, n) => callbackStore.due(now, n), plan: (c, now) => reminders.plan(c, now), apply: (c) => callbackStore.apply(c) },
      offerPending,
    ),
    {
      // 转人工 nobody took within humanAnswer: the supervisors and the resident are told
      name: "handoffs",
      schedule: config.SCHEDULE_HANDOFFS,
      run: async (now: Date) => ({
        unanswered: await escalateUnanswered(
          {
            reads: handoffs,
            workforce: store,
            accountOf,
            policyOf,
            residentOf,
            texts: handoffTexts,
            write: async (c) => {
              await hot.change(c);
              offerPending(c.outbox);
            },
          },
          now,
        ),
      }),
    },
    reportJob(config.SCHEDULE_REPORTS, {
      properties,
      store: new ReportStore(hot),
      workforce: store,
      accountOf,
      offer: offerPending,
      texts: { daily: dailyText, monthly: monthlyText },
    }),
  ];
  const leases = new JobLeases(hot.db, deps.instanceId ?? randomUUID());
  const senderLease = (name: string, on: ConstructorParameters<typeof SenderLease>[4]) => new SenderLease(leases, name, clock, config.JOB_LEASE, on);
  const scheduler = new Scheduler(jobs, {
    leases,
    clock,
    log,
    leaseMs: config.JOB_LEASE,
  });
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? new TelegramChannel(
        {
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
          ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
          webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
          ...(config.TELEGRAM_PROPERTY ? { propertyId: config.TELEGRAM_PROPERTY } : {}),
          limits: {
            perSecond: config.TELEGRAM_MAX_PER_SECOND,
            chatPerSecond: config.TELEGRAM_CHAT_PER_SECOND,
            chatBurst: config.TELEGRAM_CHAT_BURST,
            groupPerMinute: config.TELEGRAM_GROUP_PER_MINUTE,
          },
          maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
        },
        { intake, outbox, clock, log, texts: channelTexts, senderLease },
      )
    : undefined;
  if (telegram) channels.push(telegram);
  const wechat = config.WECHATY_PUPPET
    ? new WechatChannel(
        {
          puppet: config.WECHATY_PUPPET,
          ...(config.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: config.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
          name: config.WECHATY_NAME,
          ...(config.WECHAT_PROPERTY ? { propertyId: config.WECHAT_PROPERTY } : {}),
          pacing: { contactGapMs: config.WECHAT_CONTACT_GAP, perMinute: config.WECHAT_MAX_PER_MINUTE, jitterMs: config.WECHAT_JITTER },
          maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
        },
        {
          intake,
          outbox,
          clock,
          log,
          texts: channelTexts,
          senderLease,
          ...(deps.wechatPuppet ? { puppet: deps.wechatPuppet } : {}),
          // a logout is told to bound staff on the other channels
          async alertStaff(text) {
            const others = new Map([...pushed()].filter(([c]) => c !== "wechat"));
            outbox.offer(await outbox.alertStaff(text, others, { propertyId: config.DEFAULT_PROPERTY, type: "wechat.logout", at: clock.now() }));
          },
        },
      )
    : undefined;
  if (wechat) channels.push(wechat);
  const officeStore = new DbOfficeStore(db, hot);
  const office = new OfficeActions({
    store: officeStore,
    dispatcher,
    policyOf,
    offer: offerPending,
    vocabulary,
    notices: consoleTexts.notices,
    workforce: store,
    accountOf,
  });
  const staffAdmin = new StaffAdmin({
    store: new DbStaffAdminStore(db, opened.sql),
    hasProperty: (id) => properties.has(id),
    defaultProperty: config.DEFAULT_PROPERTY,
    bindCodeTtl: config.BIND_CODE_TTL,
    onChange: () => store.forgetWorkforce(),
  });
  const desk = new FrontDesk({
    form: reportForm,
    store,
    dispatcher,
    property: (id) => properties.get(id),
    offer: offerPending,
    describe: describeFiled,
    needsVisit,
    required: consoleTexts.required,
  });
  const boardStore = new BoardStore(opened.sql);
  const storedReports = new StoredReports(opened.sql);
  const registers = new RegisterStore(opened.sql);
  const stats = new StatsOffice({
    desk: new StatisticsDesk(new StatsStore(opened.sql)),
    propertyIds: () => properties.list().map((p) => p.id),
    zoneOf: (id) => properties.get(id).policy.timezone,
    overdue: async (ids, now) => {
      const f = { properties: ids, status: "all", due: "overdue" as const, sort: "urgency" as const, page: 1, pageSize: 50 };
      const { rows, total } = await boardStore.page(f, now, startOfDay(now, properties.get(ids[0]).policy.timezone));
      return {
        total,
        tickets: rows.map((r) => ({
          number: r.number,
          propertyId: r.propertyId,
          status: r.status,
          room: r.room ?? r.location,
          description: r.description,
          assignee: r.assignee,
          deadline: r.deadline,
        })),
      };
    },
  });
  const feed = new BoardFeed(
    new FeedStore(opened.sql),
    1000,
    (err) => log.warn({ err: String(err) }, "console: the live board could not read the event log"),
    () => boardStore.forget(),
  );
  const server = buildServer({
    db,
    intake,
    properties,
    adminToken: config.ADMIN_TOKEN,
    log,
    signIn,
    secureCookies: config.PUBLIC_URL.startsWith("https:"),
    staff: {
      defaultProperty: config.DEFAULT_PROPERTY,
      clock,
      admin: staffAdmin,
    },
    console: (app) =>
      consoleRoutes(app, {
        signIn,
        clock,
        secure: config.PUBLIC_URL.startsWith("https:"),
        properties,
        board: boardStore,
        stats,
        reports: storedReports,
        handoffs: {
          store: handoffs,
          office: handoffOffice,
          texts: handoffTexts,
          residentOf,
          history,
          write: async (step, actor, now) => {
            const events = step.events.map((e) => ({ ...e, id: "", actor, channel: "console" as const, at: now }));
            await hot.change({ handoffs: step.handoffs, outbox: step.outbox, events });
            offerPending(step.outbox);
          },
        },
        registers,
        files: new TicketFiles(db),
        workforce: store,
        staff: staffAdmin,
        actions: office,
        feed,
        skillsOf,
        desk,
        callbackList: new CallbackList(opened.sql),
        callbackOffice: new CallbackOffice({ desk: callbackDesk, callbacks: store, store: officeStore, words: callbackWords, offer: offerPending }),
        callbackWords,
        quotes: new QuoteOffice({ changes: new OrderChanges(store, staffWords, { accountOf, policyOf }, dispatcher), store: officeStore, offer: offerPending }),
        records,
        dir: config.POLICIES_DIR,
        attachment: async (name, ref) => channelOf(name)?.file?.(ref),
        botName: () => {
          try {
            return telegram?.me.username;
          } catch {
            return undefined; // not started yet
          }
        },
      }),
    policiesDir: config.POLICIES_DIR,
    records,
    history,
    provider: opened.provider,
    leases: () => [...scheduler.held(), ...channels.flatMap((c) => c.leases?.() ?? [])],
    webchatTexts: channelTexts,
    clock,
    visitorLimit: new VisitorLimit(clock, config.WEBCHAT_PER_MINUTE, config.WEBCHAT_BURST),
    routes: channels.flatMap((c) => (c.routes ? [(app: FastifyInstance) => c.routes!(app)] : [])),
    adminRoutes: [
      (api) => ticketActionRoutes(api, { actions: office, clock }),
      (api) => statsRoutes(api, { stats, clock }),
      (api) => reportRoutes(api, { reports: storedReports }),
      (api) => exportRoutes(api, { registers, properties, clock, stats }),
      (api) => frontDeskRoutes(api, { desk, db, properties, clock, defaultProperty: config.DEFAULT_PROPERTY }),
      ...channels.flatMap((c) => (c.adminRoutes ? [(api: FastifyInstance) => c.adminRoutes!(api)] : [])),
    ],
  });
  return {
    db,
    intake,
    store,
    server,
    telegram,
    wechat,
    /** re-reads policies/*.yaml (SIGHUP): valid files take effect at once, broken ones are refused */
    reloadPolicies: () => applyPolicyFiles(db, records, config.POLICIES_DIR, log, properties),
    scheduler,
    /** time-driven jobs on their cron schedules (after a catch-up run of each) */
    startScheduler: () => (config.SCHEDULER === "on" ? scheduler.start() : Promise.resolve()),
    /** after the server listens: channels connect (a webhook must be reachable when registered) */
    async startChannels() {
      for (const c of channels) await c.start();
    },
    async close() {
      feed.stop();
      await scheduler.stop();
      for (const c of channels) await c.stop();
      await server.close();
      await opened.close();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;
