# syntax=docker/dockerfile:1
# One recipe for every Node program in the monorepo: the Fastify services and the jobs.
#   docker build -f docker/node-service.Dockerfile --build-arg APP=console-api .
#   (packages/jobs: add --build-arg APP_DIR=packages/jobs; `pnpm containers:build <app>` does this)
#
# Node runs the TypeScript sources directly (type stripping), so there is nothing to compile: the
# image is the app's production dependency closure plus the sources of the app and of the workspace
# packages it uses. Node refuses to strip types in files under node_modules, which rules out
# `pnpm deploy` (it copies workspace packages into node_modules); the workspace layout is kept instead.

FROM node:24-bookworm-slim AS build
ARG APP
ARG APP_DIR=apps/${APP}
ENV CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# corepack runs the pnpm version pinned by package.json's packageManager field, nothing else.
RUN corepack enable pnpm
WORKDIR /repo
COPY . .
# Only the app and its workspace dependencies, production dependencies only, exactly as locked.
# The store lives in a cache mount so a source change doesn't download packages again.
RUN --mount=type=cache,id=hexad-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --prod --store-dir /pnpm-store --filter "@hexad/${APP}..."
# Stage the runtime tree: root manifests, the virtual store, and each workspace package in the
# closure at its own path (their node_modules hold relative links into the virtual store).
RUN set -eu; \
    mkdir /out; \
    cp -a package.json pnpm-workspace.yaml node_modules /out/; \
    for dir in $(pnpm --filter "@hexad/${APP}..." ls --depth -1 --parseable); do \
      cp -a --parents "${dir#/repo/}" /out/; \
    done; \
    find /out -path /out/node_modules -prune -o \( -name '*.test.ts' -o -name test -type d \) -print \
      | xargs rm -rf; \
    test -f "/out/${APP_DIR}/package.json"

FROM node:24-bookworm-slim
ARG APP
ARG APP_DIR=apps/${APP}
# npm, npx, corepack and yarn are never used at runtime; scanners flag their bundled dependencies.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx \
      /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
# Owned by root and read-only to the process: the app cannot change its own code.
COPY --from=build /out /app
WORKDIR /app/${APP_DIR}
# 8080: the app, behind its Service and the ALB; 9090: /metrics and docs, which no Service
# targets (packages/deploy-tools NODE_SERVICE_PORTS).
ENV NODE_ENV=production PORT=8080 OPS_PORT=9090
EXPOSE 8080 9090
# The base image's `node` user, by number so Kubernetes can verify runAsNonRoot.
USER 1000:1000
# Exec form: Node is PID 1 and receives SIGTERM itself (service-kit drains and exits).
# Jobs images override the command per CronJob, e.g. ["node", "src/aggregate-reports/cli.ts"].
CMD ["node", "src/server.ts"]
