#!/bin/sh
# Registers every connector definition with the Connect REST API (docker-compose's connect-init service).
# A definition that already exists (409) is left as it is: to change one, PUT its "config" to /connectors/NAME/config.
set -eu
url="${CONNECT_URL:-http://connect:8083}"
until curl -sf "$url/connectors" > /dev/null; do
  echo "waiting for Kafka Connect at $url"
  sleep 3
done
for file in /connectors/*.json; do
  code=$(curl -s -o /tmp/answer -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data @"$file" "$url/connectors")
  case "$code" in
    201|409) echo "connector $(basename "$file" .json): $code" ;;
    *) echo "connector $(basename "$file" .json) refused ($code):"; cat /tmp/answer; exit 1 ;;
  esac
done
