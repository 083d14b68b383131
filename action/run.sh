#!/usr/bin/env bash
# The step of the composite action (action.yml): runs pilotstatus-scan with the action's inputs, which
# arrive as INPUT_* environment variables. Writes `exit-code` to $GITHUB_OUTPUT and exits with it.
set -euo pipefail

package="${INPUT_PACKAGE:-}"
if [ -z "$package" ]; then
  # This action's own version: the tag a workflow `uses:` runs the release published under that tag.
  version="$(node -p 'require(process.argv[1]).version' "$GITHUB_ACTION_PATH/package.json")"
  package="eslint-plugin-pilotstatus@$version"
fi

args=(--format "${INPUT_FORMAT:-github}")
if [ -n "${INPUT_OUTPUT:-}" ]; then args+=(--output "$INPUT_OUTPUT"); fi
if [ -n "${INPUT_SINCE:-}" ]; then args+=(--since "$INPUT_SINCE"); fi
# Options and paths are split on whitespace, without glob expansion (a glob is for --exclude to read).
set -f
read -r -a extra <<< "${INPUT_ARGS:-}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
set +f

status=0
npx --yes --package "$package" -- pilotstatus-scan "${args[@]}" "${extra[@]}" -- "${paths[@]}" || status=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=$status" >> "$GITHUB_OUTPUT"; fi
exit "$status"
