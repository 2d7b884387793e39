#!/usr/bin/env bash
# Starts Tollgate exactly as README.md says (npm start, default ./data) on a fresh data dir, waits
# for /readyz, creates the owner and signs in through HTTP, stops it with SIGTERM and checks that
# no PostgreSQL server of that data dir is left running.
set -uo pipefail
cd "$(dirname "$0")/.."
base=http://127.0.0.1:8080
jar=$(mktemp)
log=test-results/smoke-start.log
rm -rf data

fail() { echo "smoke: $*"; echo "--- server log:"; tail -n 40 "$log"; exit 1; }
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }

setsid npm start >"$log" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null; }
trap stop EXIT

for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] || fail "/readyz never answered 200"

password='correct horse battery staple'
token=$(curl -s -c "$jar" -b "$jar" "$base/setup" | csrf_of)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode 'name=Smoke Owner' \
  --data-urlencode 'email=owner@example.com' --data-urlencode "password=$password" --data-urlencode "passwordConfirmation=$password" "$base/setup")
[ "$status" = 303 ] || fail "creating the owner answered $status"

token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf_of)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
  --data-urlencode 'email=owner@example.com' --data-urlencode "password=$password" "$base/login")
[ "$status" = 303 ] || fail "signing in answered $status"
curl -s -b "$jar" -H 'accept: text/html' "$base/admin" | grep -q '<h1 class="page-title">Dashboard</h1>' || fail "the dashboard did not show after signing in"

trap - EXIT
stop
# npm may exit before the node process it started: wait for every process of the group.
for _ in $(seq 1 60); do pgrep -g "$group" >/dev/null || break; sleep 0.5; done
pgrep -g "$group" >/dev/null && fail "Tollgate did not exit within 30 s of SIGTERM"
left=$(pgrep -f "$(pwd)/data/postgres" || true)
[ -z "$left" ] || fail "PostgreSQL of the data dir is still running (pids $left)"
rm -rf data "$jar"
echo "smoke: started, owner created, signed in, stopped cleanly with nothing left running"
