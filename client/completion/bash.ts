/**
 * The bash completion script: the command tree is written into it (commands, options, choices
 * complete at once, without starting node); cutover and wave ids come from `cutover __complete-ids`, which
 * asks Temporal through the one client, with the --address and --namespace typed on the line.
 * zsh uses the same script through bashcompinit.
 */
import { commandPaths, type CompletionCommand } from './tree';

/** The hidden command the scripts call for cutover ids. */
export const IDS_COMMAND = '__complete-ids';

/** Completion words are command names, flags and choices; anything else would need quoting, and is left out. */
const plainWord = (word: string) => /^[\w.:@/+-]+$/.test(word);

function caseOf(name: string, entries: Array<[string, string[]]>): string {
  const arms = entries.filter(([, words]) => words.length > 0).map(([key, words]) => `    ${JSON.stringify(key)}) echo ${JSON.stringify(words.filter(plainWord).join(' '))} ;;`);
  return [`${name}() {`, '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

export function bashScript(root: CompletionCommand): string {
  const paths = commandPaths(root).map(({ path, command }) => ({ key: path.join(' '), command }));
  const valueOptions = paths.flatMap(({ key, command }) => command.options.filter((option) => option.takesValue).flatMap((option) => option.names.map((name) => ({ key, name, option }))));
  return `# ${root.name} completion for bash (and zsh, through bashcompinit).
# Load it now:   source <(${root.name} completion bash)
# or for good:   ${root.name} completion bash > ~/.local/share/bash-completion/completions/${root.name}

${caseOf('_cutover_subcommands', paths.map(({ key, command }) => [key, command.subcommands.map((sub) => sub.name)]))}

${caseOf('_cutover_options', paths.map(({ key, command }) => [key, command.options.flatMap((option) => option.names)]))}

${caseOf('_cutover_value_options', paths.map(({ key, command }) => [key, command.options.filter((option) => option.takesValue).flatMap((option) => option.names)]))}

${caseOf('_cutover_choices', valueOptions.map(({ key, name, option }) => [`${key}|${name}`, option.choices]))}

${caseOf('_cutover_argument', paths.filter(({ command }) => command.argument).map(({ key, command }) => [key, [command.argument!.kind, ...command.argument!.choices]]))}

_cutover_completions() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" positional=0 skip=0 word i
  local -a connection=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      --address|--namespace) connection+=("$word" "\${COMP_WORDS[i+1]}"); skip=1 ;;
      -*) [[ " $(_cutover_value_options "$path") " == *" $word "* ]] && skip=1 ;;
      *)
        if [[ $positional -eq 0 && " $(_cutover_subcommands "$path") " == *" $word "* ]]; then
          path="\${path:+$path }$word"
        else
          positional=$((positional + 1))
        fi ;;
    esac
  done
  COMPREPLY=()
  if [[ " $(_cutover_value_options "$path") " == *" $prev "* ]]; then
    local choices
    choices="$(_cutover_choices "$path|$prev")"
    if [[ -n "$choices" ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); else compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_cutover_options "$path")" -- "$cur"))
    return
  fi
  local subcommands
  subcommands="$(_cutover_subcommands "$path")"
  if [[ -n "$subcommands" && $positional -eq 0 ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
    return
  fi
  ((positional == 0)) || return
  local -a argument=($(_cutover_argument "$path"))
  case "\${argument[0]}" in
    cutover-id) COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" ${IDS_COMMAND} "\${connection[@]}" -- "$cur" 2>/dev/null)" -- "$cur")) ;;
    wave-id) COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" ${IDS_COMMAND} --waves "\${connection[@]}" -- "$cur" 2>/dev/null)" -- "$cur")) ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    choice) COMPREPLY=($(compgen -W "\${argument[*]:1}" -- "$cur")) ;;
  esac
}
complete -F _cutover_completions ${root.name}
`;
}

export function zshScript(root: CompletionCommand): string {
  return `# ${root.name} completion for zsh, through zsh's bash completion support.
# Load it now:   source <(${root.name} completion zsh)
# or for good:   echo 'source <(${root.name} completion zsh)' >> ~/.zshrc
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit

${bashScript(root)}`;
}
