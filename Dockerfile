# The ION Lineage service. It talks to the Neo4j named by NEO4J_URI (see docker-compose.yml),
# so the image needs no Java.
FROM node:20-slim

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so code changes do not reinstall them. The workspace packages' manifests
# come too: npm ci links them, and refuses a lockfile that names workspaces it cannot see.
COPY --chown=node:node package.json package-lock.json .npmrc ./
COPY --chown=node:node packages/contract/package.json packages/contract/
COPY --chown=node:node sdk/package.json sdk/
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .
RUN npm run build:web && mkdir -p .data

ENV NEO4J_URI=bolt://neo4j:7687 \
    PORT=4000 \
    HOST=0.0.0.0
EXPOSE 4000

# The server itself as PID 1's child (compose adds init), so SIGTERM reaches it directly and
# in-flight batches finish before it exits.
CMD ["node", "--import", "tsx", "server/src/main.ts"]
