# syntax=docker/dockerfile:1
# The static web apps (console, ad-tag): a Vite build served by an unprivileged nginx.
#   docker build -f docker/web.Dockerfile --build-arg APP=console .
# The same image runs in every environment: the API origin is read from API_ORIGIN when the
# container starts (docker/web/entrypoint.sh), never baked in at build time.

FROM node:24-bookworm-slim AS build
ARG APP
ARG APP_DIR=apps/${APP}
ENV CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# corepack runs the pnpm version pinned by package.json's packageManager field, nothing else.
RUN corepack enable pnpm
WORKDIR /repo
COPY . .
# The app and its workspace dependencies with their dev dependencies (Vite builds them).
RUN --mount=type=cache,id=hexad-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --store-dir /pnpm-store --filter "@hexad/${APP}..."
# `...` builds the workspace dependencies first; the app's build checks its own size budget.
RUN pnpm --filter "@hexad/${APP}..." run build && test -f "${APP_DIR}/dist/index.html"

FROM nginx:1.30
ARG APP
ARG APP_DIR=apps/${APP}
COPY docker/web/nginx.conf /etc/nginx/nginx.conf
COPY docker/web/security-headers.conf /etc/nginx/hexad/security-headers.conf
COPY docker/web/${APP}.conf /etc/nginx/hexad/site.conf
COPY --chmod=755 docker/web/entrypoint.sh /usr/local/bin/hexad-web-entrypoint
COPY --from=build /repo/${APP_DIR}/dist /usr/share/nginx/html
ENV PORT=8080
EXPOSE 8080
# The official image's nginx user, by number so Kubernetes can verify runAsNonRoot. nginx writes
# only under /tmp (pid, temp files), an emptyDir in the pods: the root filesystem stays read-only.
USER 101:101
# Replaces the official image's entrypoint (its scripts write into /etc/nginx, read-only here).
ENTRYPOINT ["/usr/local/bin/hexad-web-entrypoint"]
CMD ["nginx", "-e", "stderr"]
