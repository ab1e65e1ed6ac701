# syntax=docker/dockerfile:1
#
# Corphub: one image for the gateway and every subgraph.
#
#   docker build -t corphub .
#   docker run -e CORPHUB_JWT_SECRET=... -e CORPHUB_INTERNAL_SECRET=... -p 4000:4000 corphub
#       the gateway (default command: node gateway/dist/main.js, on the committed tooling/supergraph.graphql and hub.json)
#   docker run -e ... -e DATABASE_URL=postgresql://... corphub node subgraphs/identity/dist/main.js
#       a subgraph: node subgraphs/<name>/dist/main.js, listening on its defaultPort (or PORT)
#
# NODE_ENV=production is set: the processes refuse to start without CORPHUB_JWT_SECRET (or CORPHUB_JWKS_URL)
# and CORPHUB_INTERNAL_SECRET (32+ characters each, different). docker-compose.yml runs the whole hub.

# Node 24 LTS (Node 20 reached end of life in April 2026); CI runs the same code on the machines' Node 20.19+
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- manifests: root and workspace package.json + the lockfile, nothing else, so the `npm ci`
#      layers below stay cached until a dependency changes (and a new subgraphs/<name> needs no edit here;
#      examples/* are workspaces too, so the lockfile needs their manifests, though the image runs none of them)
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN set -eu; \
    mkdir -p /manifests; \
    cp package.json package-lock.json /manifests/; \
    if [ -f .npmrc ]; then cp .npmrc /manifests/; fi; \
    for pkg in packages/*/ gateway tooling console subgraphs/*/ examples/*/; do \
      pkg="${pkg%/}"; \
      mkdir -p "/manifests/$pkg"; \
      cp "$pkg/package.json" "/manifests/$pkg/package.json"; \
    done

# ---- build: every dependency (TypeScript included), then `npm run build` (tsc -b) into each workspace's dist
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN set -eu; \
    npm run build; \
    mkdir -p /out/tooling; \
    for pkg in packages/*/ gateway subgraphs/*/; do \
      pkg="${pkg%/}"; \
      case "$pkg" in packages/*) ;; *) if [ ! -f "$pkg/dist/main.js" ]; then echo "no $pkg/dist/main.js after npm run build" >&2; exit 1; fi ;; esac; \
      mkdir -p "/out/$pkg"; \
      cp -R "$pkg/dist" "/out/$pkg/dist"; \
      if [ -d "$pkg/assets" ]; then cp -R "$pkg/assets" "/out/$pkg/assets"; fi; \
    done; \
    cp tooling/supergraph.graphql tooling/hub.json /out/tooling/; \
    mkdir -p /out/console && cp -R console/dist /out/console/dist

# ---- runtime: production dependencies only, the compiled dist folders (with a package's data files in assets/) and the committed supergraph and manifest
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
ENV CORPHUB_SUPERGRAPH_FILE=/app/tooling/supergraph.graphql
# the admin console's static build, served by the gateway at /console
ENV CORPHUB_CONSOLE_DIR=/app/console/dist
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /out/ ./
# without DATABASE_URL a subgraph keeps an SQLite file per subgraph here (mount a volume to keep it)
RUN mkdir -p /app/data && chown node:node /app/data
ENV CORPHUB_DATA_DIR=/app/data
# the node image's unprivileged user (uid 1000); the application files stay root-owned and read-only to it
USER node
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
