# syntax=docker/dockerfile:1
# Build: compile TypeScript, generate the Prisma client, build better-sqlite3 for this image.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
# npm ci, or npm install where ci refuses the lockfile (see .ci/run)
RUN npm ci || npm install
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY conversations ./conversations
RUN npm run build && npm prune --omit=dev

# Run: only what the service needs, as a non-root user; the database lives in a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=file:/app/data/baoshi.db \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --chown=node:node policies ./policies
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# main.js applies pending migrations, then starts serving.
CMD ["node", "dist/src/main.js"]
