#!/usr/bin/env bash
# Entry-point hook of the postgres image: creates Klachtpad's roles and database on first start.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
  -v owner_password="$KLACHTPAD_OWNER_PASSWORD" -v app_password="$KLACHTPAD_APP_PASSWORD" \
  -f /klachtpad/init-roles.sql
