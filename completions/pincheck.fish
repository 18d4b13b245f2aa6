# fish completion for pincheck(1). `make install` puts it in
# $(PREFIX)/share/fish/vendor_completions.d/pincheck.fish.
#
# The commands and options are those of `pincheck help` and
# `pincheck help COMMAND` (tests/e2e/t0024-man-completion.sh checks that each
# one the binary names is here). Rule ids come from `pincheck rules list`.

set -l commands scan fix bump eval check hook pins drill merge rules install baseline catalog version help

function __pincheck_revs
    git for-each-ref --format='%(refname:short)' refs/heads refs/tags refs/remotes 2>/dev/null
    echo HEAD
end

function __pincheck_rule_ids
    set -l bin (commandline -opc)[1]
    $bin rules list 2>/dev/null | string match -r '^  (\S+)' | string match -v -r '^ '
end

# __pincheck_args_after CMD: true when CMD is the command and exactly N words
# (the second argument, default 0) follow it that are not options.
function __pincheck_args_after
    set -l words (commandline -opc)
    set -l want $argv[2]
    test -n "$want"; or set want 0
    set -l i (contains -i -- $argv[1] $words); or return 1
    set -l n 0
    for w in $words[(math $i + 1)..-1]
        string match -q -- '-*' $w; or set n (math $n + 1)
    end
    test $n -eq $want
end

complete -c pincheck -f

# Global options, before or after the command.
complete -c pincheck -s C -r -a '(__fish_complete_directories)' -d 'Run as if started in DIR'
complete -c pincheck -l config -r -F -d 'This config, not .pincheck.yml'
complete -c pincheck -l no-default-rules -d "Only the config's own rules"
complete -c pincheck -l baseline -r -F -d 'Report only findings not in FILE'
complete -c pincheck -s j -l jobs -x -d 'Threads (default: one per processor)'
complete -c pincheck -l max-file-size -x -d 'Skip larger files (bytes, K or M; default 10M)'
complete -c pincheck -l max-seconds -x -d 'Stop after N seconds'
complete -c pincheck -l format -x -a 'text json sarif github csv markdown cyclonedx' -d 'Output format'
complete -c pincheck -l color -x -a 'auto always never' -d 'When to colour'
complete -c pincheck -s q -l quiet -d 'Text: no source and caret lines'
complete -c pincheck -s v -l verbose -d 'Say more (hooks: a clean summary too)'
complete -c pincheck -s h -l help -d 'Usage and options'
complete -c pincheck -l version -d 'The version'

# Commands.
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a scan -d 'Every model reference in the files'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a fix -d 'Rewrite each alias to its live pin'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a check -d 'The staged change, or commits'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a hook -d 'What the installed git hooks run'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a pins -d 'Inventory of model ids in use'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a drill -d 'Migration-drill report'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a merge -d "One inventory of many repositories' pins JSON"
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a rules -d 'The active rules; their embedded tests'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a install -d 'Install the git hooks here'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a baseline -d "Record today's findings"
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a catalog -d "Providers' model lists to lifecycle facts"
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a version -d 'The version'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a help -d "A command's usage and options"

# Their options and arguments.
complete -c pincheck -n '__fish_seen_subcommand_from scan pins drill' -l rev -x -a '(__pincheck_revs)' -d "A revision's tree"
complete -c pincheck -n '__fish_seen_subcommand_from scan check' -l staged -d 'The index / the staged change'
complete -c pincheck -n '__fish_seen_subcommand_from scan check' -l cached -d 'Same as --staged'
complete -c pincheck -n '__fish_seen_subcommand_from scan fix pins merge' -F
complete -c pincheck -n '__fish_seen_subcommand_from fix' -l diff -d 'Print a unified diff, write nothing'
complete -c pincheck -n '__fish_seen_subcommand_from fix' -l force -d 'Fix files with unstaged changes too'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a bump -d 'Replace a pinned model with another'
complete -c pincheck -n '__fish_seen_subcommand_from bump' -l eval -r -F -d 'The eval result of NEW'
complete -c pincheck -n '__fish_seen_subcommand_from bump' -l diff -d 'Print a unified diff, write nothing'
complete -c pincheck -n '__fish_seen_subcommand_from bump' -l force -d 'Edit files with unstaged changes too'
complete -c pincheck -n "not __fish_seen_subcommand_from $commands" -a eval -d 'What the eval gate reads in a result'
complete -c pincheck -n '__fish_seen_subcommand_from eval; and not __fish_seen_subcommand_from check' -f -a check -d 'Read eval results as the gate would'
complete -c pincheck -n '__fish_seen_subcommand_from eval' -l model -r -d 'The model the bump introduces'
complete -c pincheck -n '__fish_seen_subcommand_from eval' -l replaces -r -d 'The pinned model it replaces'
complete -c pincheck -n '__fish_seen_subcommand_from check' -l squash -d "A range's overall diff once"
complete -c pincheck -n '__fish_seen_subcommand_from check' -l message -r -F -d 'The commit message, for the eval gate'
complete -c pincheck -n '__fish_seen_subcommand_from check' -a '(__pincheck_revs)'
complete -c pincheck -n '__fish_seen_subcommand_from pins' -l include-prose -d 'Ids in comments and documents too'
complete -c pincheck -n '__fish_seen_subcommand_from install' -l force -d 'Replace foreign hooks'
complete -c pincheck -n '__fish_seen_subcommand_from install' -l uninstall -d "Remove pincheck's hooks"
complete -c pincheck -n '__pincheck_args_after hook' -a 'pre-commit pre-merge-commit commit-msg pre-push pre-receive'
complete -c pincheck -n '__fish_seen_subcommand_from commit-msg' -F
complete -c pincheck -n '__pincheck_args_after rules' -a 'list show test'
complete -c pincheck -n '__fish_seen_subcommand_from test' -F
complete -c pincheck -n '__pincheck_args_after show 0' -a '(__pincheck_rule_ids)'
complete -c pincheck -n '__pincheck_args_after baseline' -a create
complete -c pincheck -n '__fish_seen_subcommand_from create' -F
complete -c pincheck -n '__pincheck_args_after catalog' -a import
complete -c pincheck -n '__fish_seen_subcommand_from import' -F
complete -c pincheck -n '__fish_seen_subcommand_from catalog' -s o -l output -r -F -d 'Write the rule file to OUT'
complete -c pincheck -n '__pincheck_args_after help' -a "$commands"
