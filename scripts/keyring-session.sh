#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session,
# so keychain tests exercise libsecret exactly as a Linux desktop does. Call it inside
# dbus-run-session:   dbus-run-session -- bash scripts/keyring-session.sh <command...>
set -euo pipefail

# A fresh keyring folder per run: a leftover keyring made with another password stays locked.
XDG_DATA_HOME="$(mktemp -d -t coffer-keyring-XXXXXX)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT

# The throwaway password goes in on stdin; it only protects this temporary keyring.
eval "$(printf 'coffer-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true

# The daemon answers --unlock before it owns its bus name; without this wait about one run in 50
# starts a second daemon.
for _ in $(seq 1 100); do
  if dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
      /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
      | grep -q 'boolean true'; then
    export COFFER_TEST_KEYRING=1
    # Not exec: the EXIT trap must still remove the throwaway keyring afterwards.
    status=0
    "$@" || status=$?
    exit "$status"
  fi
  sleep 0.1
done
echo "keyring-session: org.freedesktop.secrets never appeared on the session bus" >&2
exit 1
