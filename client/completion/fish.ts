/**
 * The fish completion script: one `complete` line per command and option, each guarded by the
 * command path typed so far; cutover and wave ids from `cutover __complete-ids`, as in bash.
 */
import { IDS_COMMAND } from './bash';
import { commandPaths, type CompletionCommand } from './tree';

const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishScript(root: CompletionCommand): string {
  const name = root.name;
  const lines = [
    `# ${name} completion for fish.`,
    `# Load it now:   ${name} completion fish | source`,
    `# or for good:   ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    `# The words of the command path typed so far ("wave plan"), options and their values left out.`,
    `function __${name}_path`,
    `    set -l words (commandline -opc)`,
    `    set -l path`,
    `    for word in $words[2..-1]`,
    `        switch $word`,
    `            case '-*'`,
    `            case '*'`,
    `                if contains -- (string join ' ' $path $word) ${commandPaths(root)
      .filter(({ path }) => path.length > 0)
      .map(({ path }) => quoted(path.join(' ')))
      .join(' ')}`,
    `                    set path $path $word`,
    `                end`,
    `        end`,
    `    end`,
    `    string join ' ' $path`,
    `end`,
    `function __${name}_at`,
    `    set -l path (__${name}_path)`,
    `    test "$path" = "$argv[1]"`,
    `end`,
    `function __${name}_ids`,
    `    set -l words (commandline -opc)`,
    `    set -l connection`,
    `    for i in (seq (count $words))`,
    `        if contains -- $words[$i] --address --namespace; and test $i -lt (count $words)`,
    `            set connection $connection $words[$i] $words[(math $i + 1)]`,
    `        end`,
    `    end`,
    `    $words[1] ${IDS_COMMAND} $argv $connection -- (commandline -ct) 2>/dev/null`,
    `end`,
    `complete -c ${name} -f`,
  ];
  for (const { path, command } of commandPaths(root)) {
    const at = `-n ${quoted(`__${name}_at ${quoted(path.join(' '))}`)}`;
    for (const sub of command.subcommands) lines.push(`complete -c ${name} ${at} -a ${quoted(sub.name)} -d ${quoted(sub.description)}`);
    for (const option of command.options) {
      const spelled = option.names.map((spelling) => (spelling.startsWith('--') ? `-l ${spelling.slice(2)}` : `-s ${spelling.slice(1)}`)).join(' ');
      const value = option.takesValue ? (option.choices.length > 0 ? ` -x -a ${quoted(option.choices.join(' '))}` : ' -r -F') : '';
      lines.push(`complete -c ${name} ${at} ${spelled}${value} -d ${quoted(option.description)}`);
    }
    if (command.argument?.kind === 'cutover-id') lines.push(`complete -c ${name} ${at} -a ${quoted(`(__${name}_ids)`)}`);
    if (command.argument?.kind === 'wave-id') lines.push(`complete -c ${name} ${at} -a ${quoted(`(__${name}_ids --waves)`)}`);
    if (command.argument?.kind === 'file') lines.push(`complete -c ${name} ${at} -F`);
    if (command.argument?.kind === 'choice') lines.push(`complete -c ${name} ${at} -a ${quoted(command.argument.choices.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
