# Multi-stage: build the web app, then run the API (which serves the built app) on one port.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/domain/package.json packages/domain/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @opgave/web build && pnpm deploy --filter @opgave/api --prod --legacy /out/api \
  && cp -r apps/web/dist /out/web && cp -r apps/web/dist-server /out/web-server

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data WEB_DIST_DIR=/srv/web
WORKDIR /srv/api
COPY --from=build /out/api /srv/api
COPY --from=build /out/web /srv/web
# The server renderer of public pages: found beside WEB_DIST_DIR (apps/api/src/plugins/web-app.ts).
COPY --from=build /out/web-server /srv/dist-server
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Several instances: run `node --import tsx scripts/migrate.ts` once first (docker-compose's `migrate`
# service) and start the instances with MIGRATE_ON_START=false. See "Deployment" in README.md.
CMD ["node", "--import", "tsx", "src/server.ts"]
