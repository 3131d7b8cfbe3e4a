import { buildProgram } from '../../../client/cli';
import { bashScript, IDS_COMMAND, zshScript } from '../../../client/completion/bash';
import { fishScript } from '../../../client/completion/fish';
import { commandPaths, completionTree } from '../../../client/completion/tree';

const tree = completionTree(buildProgram());
const at = (...path: string[]) => commandPaths(tree).find((entry) => entry.path.join(' ') === path.join(' '))!.command;

describe('the completion scripts', () => {
  it('read every visible command, sub-command and option from the program, and leave out the hidden ids command', () => {
    expect(tree.subcommands.map((command) => command.name)).toEqual(expect.arrayContaining(['start', 'status', 'approve', 'list', 'wave', 'worker', 'completion']));
    expect(tree.subcommands.map((command) => command.name)).not.toContain(IDS_COMMAND);
    expect(at('wave').subcommands.map((command) => command.name)).toEqual(expect.arrayContaining(['validate', 'plan']));
    expect(at('approve').options.find((option) => option.names.includes('--gate'))).toMatchObject({ takesValue: true });
    expect(at('report').options.find((option) => option.names.includes('--format'))?.choices).toEqual(['md', 'json']);
  });

  it('complete a cutover id after the commands that take one, a wave id after those of wave, a file after those that take a runbook or a wave, a shell after completion', () => {
    for (const command of ['status', 'watch', 'approve', 'reject', 'pause', 'resume', 'abort', 'report']) expect(at(command).argument?.kind).toBe('cutover-id');
    for (const path of [['start'], ['plan'], ['validate'], ['wave', 'plan'], ['wave', 'validate']]) expect(at(...path).argument?.kind).toBe('file');
    expect(at('completion').argument).toEqual({ kind: 'choice', choices: ['bash', 'zsh', 'fish'] });
    for (const command of ['status', 'watch', 'report', 'pause', 'resume', 'abort']) expect(at('wave', command).argument?.kind).toBe('wave-id');
  });

  it('give zsh the bash script through bashcompinit, and fish a line per command and option with ids from the same hidden command', () => {
    expect(zshScript(tree)).toContain('bashcompinit');
    expect(zshScript(tree)).toContain(bashScript(tree));
    const fish = fishScript(tree);
    expect(fish).toContain(`complete -c cutover -n '__cutover_at \\'\\'' -a 'status' -d 'Show`);
    expect(fish).toContain(`complete -c cutover -n '__cutover_at \\'wave\\'' -a 'plan'`);
    expect(fish).toContain(`complete -c cutover -n '__cutover_at \\'report\\'' -l format -x -a 'md json'`);
    expect(fish).toContain(`complete -c cutover -n '__cutover_at \\'approve\\'' -a '(__cutover_ids)'`);
    expect(fish).toContain(`complete -c cutover -n '__cutover_at \\'wave status\\'' -a '(__cutover_ids --waves)'`);
    expect(fish).toContain(`$words[1] ${IDS_COMMAND} $argv $connection -- (commandline -ct) 2>/dev/null`);
  });
});
