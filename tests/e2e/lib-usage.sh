# lib-usage.sh: what the binary's own usage text names, for the tests that
# check the manual pages and the shell completions against it (so that they
# cannot silently go stale when a command or an option is added). Source
# lib.sh first.

# usage_commands: the commands `pincheck help` lists, one a line.
usage_commands () {
	"$PINCHECK" help | sed -n -e '/^commands:/,/^$/p' |
		sed -n -e 's/^  \([a-z][a-z-]*\).*/\1/p'
}

# usage_options [COMMAND]: the option spellings (`-j`, `--jobs`, ...) of the
# global options (`pincheck help`), or of COMMAND (`pincheck help COMMAND`),
# one a line. An option line starts with two blanks and a dash; its
# spellings are the words before the first run of two blanks.
usage_options () {
	"$PINCHECK" help $1 | sed -n -e 's/^  \(-[^ ].*\)/\1/p' |
		sed -e 's/   *.*//' | tr ', ' '\n\n' | grep -e '^-' | sort -u
}

# usage_all_options: every option the binary names, global or of a command.
usage_all_options () {
	{
		usage_options
		for _c in $(usage_commands); do
			usage_options "$_c"
		done
	} | sort -u
}

# usage_subcommands COMMAND: the lower-case words of COMMAND's usage line
# after COMMAND (`hook` -> pre-commit, pre-merge-commit, ...; `rules` ->
# list, test), one a line; placeholders are upper case, options start with
# a dash.
usage_subcommands () {
	"$PINCHECK" help "$1" | sed -n -e "s/^usage: pincheck $1//p" | tr ' []|' '\n\n\n\n' |
		grep -e '^[a-z][a-z-]*$' | sort -u
}

# usage_values OPTION: the values the global option's help line lists
# (`text, json, sarif, github, csv or markdown`), one a line.
usage_values () {
	"$PINCHECK" help | sed -n -e "s/^  $1 [A-Z]*  *//p" | sed -e 's/ or /, /' |
		tr ',' '\n' | sed -e 's/^ *//' -e 's/ *$//' | grep -v '^$'
}
