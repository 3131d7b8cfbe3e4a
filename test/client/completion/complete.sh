#!/usr/bin/env bash
# Completes the last word of a command line as bash does on Tab, with the completion script given,
# and prints COMPREPLY one per line.
# Usage: complete.sh <completion-script> cutover status ord
# Not -e: compgen returns 1 when nothing matches, as it does under a real Tab press.
set -uo pipefail
# shellcheck source=/dev/null
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_cutover_completions
if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}"; fi
