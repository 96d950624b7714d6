# For users with Docker (docker-compose.yml); no test depends on it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The API's heap limits of scripts/node-flags.mjs (npm start uses the same); docker-compose.yml
# gives the worker its own.
ENV NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=32"
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
COPY package.json ./
USER node
CMD ["node", "dist/apps/api/src/main.js"]
