#!/usr/bin/env bash
# A production install starts: the tracked files (uncommitted changes included) copied to a temporary
# folder, `npm ci --omit=dev`, then `npm start` in local mode (one message answered with a card) and with
# credentials (unsigned requests refused), each stopped with SIGTERM and expected to exit 0.
# Run by .ci/run; by hand: .ci/production-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
npm_pid=""
cleanup() {
  if [ -n "$npm_pid" ] && kill -0 "$npm_pid" 2>/dev/null; then
    kill -KILL $(server_pid "$npm_pid") "$npm_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# `git stash create` makes a commit of the working tree without touching it (nothing to stash: HEAD).
snapshot="$(git -c user.name=ci -c user.email=ci@localhost stash create)"
mkdir "$tmp/app"
git archive "${snapshot:-HEAD}" | tar -x -C "$tmp/app"
cd "$tmp/app"

echo "== npm ci --omit=dev (in $tmp/app)"
npm ci --omit=dev --no-audit --no-fund --loglevel=error

# One HTTP request through Node's fetch (no curl needed): prints the status, a newline, then the body.
http() {
  node -e '
    const [method, url, body] = process.argv.slice(1);
    fetch(url, { method, body, headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(10_000) })
      .then(async (res) => process.stdout.write(`${res.status}\n${await res.text()}`))
      .catch((error) => { console.error(error.message); process.exit(1); });
  ' "$@"
}

# The server (node) among npm's descendants: a SIGTERM sent to npm is not passed on through its `sh -c`.
server_pid() {
  local queue=("$1") pid stat rest fields
  while [ "${#queue[@]}" -gt 0 ]; do
    pid="${queue[0]}"
    queue=("${queue[@]:1}")
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = node ] && grep -qa 'src/index.ts' "/proc/$pid/cmdline" 2>/dev/null; then
      echo "$pid"; return
    fi
    for stat in /proc/[0-9]*/stat; do
      stat="$(cat "$stat" 2>/dev/null)" || continue
      rest="${stat##*) }"
      read -r -a fields <<<"$rest"
      if [ "${fields[1]}" = "$pid" ]; then queue+=("${stat%% *}"); fi
    done
  done
}

# Starts `npm start` with the given settings and waits (30 s at most) for /healthz; sets $port and $server.
start() {
  local log="$1" deadline=$((SECONDS + 30))
  shift
  env "$@" PORT=0 DATA_FILE="$tmp/data/db.json" npm start >"$log" 2>&1 &
  npm_pid=$!
  port=""
  until [ -n "$port" ] && [ "$(http GET "http://127.0.0.1:$port/healthz" 2>/dev/null | head -n1)" = 200 ]; do
    if ! kill -0 "$npm_pid" 2>/dev/null; then echo "npm start exited before answering /healthz:"; cat "$log"; exit 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "no answer on /healthz within 30 s:"; cat "$log"; exit 1; fi
    sleep 0.2
    port="$(sed -n 's|.*listening on http://[^ ]*:\([0-9]*\)/api/messages.*|\1|p' "$log")"
  done
  server="$(server_pid "$npm_pid")"
  if [ -z "$server" ]; then echo "the server's process was not found under npm ($npm_pid)"; exit 1; fi
}

# SIGTERM to the server, which has 15 s to stop; npm start then exits with the server's code, which must be 0.
stop() {
  local log="$1" deadline=$((SECONDS + 15)) code=0
  kill -TERM "$server"
  while kill -0 "$npm_pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "still running 15 s after SIGTERM:"; cat "$log"; exit 1; fi
    sleep 0.2
  done
  wait "$npm_pid" || code=$?
  npm_pid=""
  if [ "$code" -ne 0 ]; then echo "npm start exited with $code after SIGTERM:"; cat "$log"; exit 1; fi
}

message='{
  "type": "message", "text": "add a user", "locale": "en-GB", "deliveryMode": "expectReplies",
  "channelId": "emulator", "serviceUrl": "http://localhost", "conversation": { "id": "production-start" },
  "from": { "id": "demo-owner" }, "recipient": { "id": "bot" }
}'

echo "== npm start, local mode"
start "$tmp/local.log"
answer="$(http POST "http://127.0.0.1:$port/api/messages" "$message")"
if [ "$(head -n1 <<<"$answer")" != 200 ] || ! grep -q 'application/vnd.microsoft.card.adaptive' <<<"$answer"; then
  echo "\"add a user\" was not answered with a card:"; echo "$answer"; cat "$tmp/local.log"; exit 1
fi
stop "$tmp/local.log"
echo "answered /healthz and \"add a user\" with a card on port $port; stopped with exit code 0"

echo "== npm start, with credentials"
start "$tmp/credentials.log" MicrosoftAppId=00000000-0000-4000-8000-000000000001 MicrosoftAppPassword=not-a-secret MicrosoftAppType=MultiTenant
status="$(http POST "http://127.0.0.1:$port/api/messages" "$message" | head -n1)"
if [ "$status" != 401 ]; then echo "an unsigned request got $status, not 401:"; cat "$tmp/credentials.log"; exit 1; fi
stop "$tmp/credentials.log"
echo "answered /healthz and refused an unsigned request (401) on port $port; stopped with exit code 0"
