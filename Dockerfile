# syntax=docker/dockerfile:1
# ALHO Voz: one image for both processes. Default command runs the api; the worker runs the same image
# with `node --import tsx src/main/worker.ts` (see docker-compose.yml).

# --- build: every dependency (dev included), then the agent console -----------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build:console

# --- runtime: production dependencies only, sources run through tsx, built console ---------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
# tsx is a production dependency: the processes run TypeScript sources directly, as `npm start` does.
RUN npm ci --omit=dev && npm cache clean --force
# Owned by root and read-only to the app user: the running process cannot rewrite its own code.
COPY tsconfig.json ./
COPY src ./src
COPY --from=build /app/agent-console/dist ./agent-console/dist
USER node
EXPOSE 3000
# node itself as the container's main process (not `npx tsx`): `npx` (npm exec) does not pass SIGTERM
# on to the program it runs, so `docker stop` would kill the api without its ordered shutdown.
# `--import tsx` is the same loader that `tsx` uses, in a single process.
CMD ["node", "--import", "tsx", "src/main/api.ts"]
