#!/bin/sh
# PostgreSQL's entrypoint runs this once, on an empty data directory: one database per app, each
# loaded with the contract's schema and seed (copied from the injector image by an init container).
set -eu
for db in bench_nestjs bench_django; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE $db"
  psql -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
    -f /fwbench-db/schema.sql -f /fwbench-db/seed.sql >/dev/null
done
