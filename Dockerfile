# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY test ./test
COPY bench ./bench
RUN npm run build

# Runtime stage: production dependencies, compiled code, shapes, vocabularies and the organisation list only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3030 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY bin ./bin
COPY shapes ./shapes
COPY ontologies ./ontologies
COPY data ./data
# Templates, stylesheets and browser scripts are read from src/ at run time (tsc copies only what it compiles).
COPY src/sparql-editor/views ./src/sparql-editor/views
COPY src/sparql-editor/assets ./src/sparql-editor/assets
COPY src/embed/views ./src/embed/views
COPY src/embed/assets ./src/embed/assets
COPY src/portal/views ./src/portal/views
COPY src/portal/assets ./src/portal/assets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3030
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3030)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
