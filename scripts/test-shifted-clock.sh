#!/usr/bin/env bash
# Runs the whole suite (Vitest, then Playwright on the builds already made) once more with the
# system clock moved a year ahead onto a 25th, with Debian's faketime: no test may depend on
# today's date (the application reads the time through app/utils/clock.server.ts only).
set -euo pipefail
cd "$(dirname "$0")/.."
at="$(date -u -d "$(date -u +%Y-%m-25) +1 year" +%Y-%m-%d) 08:00:00"
echo "Suite rejouée avec l'horloge système au ${at} UTC (faketime)"
# Timers and durations keep the real monotonic clock; only the time of day moves.
export FAKETIME_DONT_FAKE_MONOTONIC=1
faketime -f "@${at}" npx vitest run
faketime -f "@${at}" npx playwright test
