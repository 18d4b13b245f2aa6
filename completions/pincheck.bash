# bash completion for pincheck(1). `make install` puts it in
# $(PREFIX)/share/bash-completion/completions/pincheck, where the
# bash-completion package loads it on demand; without that package, source it
# from ~/.bashrc. It needs nothing of bash-completion's own helpers.
#
# The commands and options below are those of `pincheck help` and
# `pincheck help COMMAND`; tests/e2e/t0024-man-completion.sh checks that each
# one the binary names is completed here. Rule ids come from
# `pincheck rules list`, revisions from git.

_pincheck_global_opts='-C --config --no-default-rules --baseline -j --jobs
	--max-file-size --max-seconds --format --color -q --quiet -v --verbose
	-h --help --version'
_pincheck_commands='scan fix bump eval check hook pins drill merge rules install baseline catalog version help'

# _pincheck_takes_arg OPTION: does OPTION take a value as the next word?
_pincheck_takes_arg() {
	case $1 in
	-C | --config | --baseline | -j | --jobs | --max-file-size | --max-seconds | \
		--format | --color | --rev | --message | -o | --output)
		return 0 ;;
	esac
	return 1
}

# _pincheck_reply WORDS CUR: COMPREPLY = the WORDS that start with CUR.
_pincheck_reply() {
	local IFS=$' \t\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# _pincheck_files CUR [-d]: file (or directory) names, one per line, names
# with blanks kept whole.
_pincheck_files() {
	local IFS=$'\n'
	COMPREPLY=($(compgen -f ${2:+"$2"} -- "$1"))
	compopt -o filenames 2>/dev/null
}

_pincheck_revs() {
	git for-each-ref --format='%(refname:short)' refs/heads refs/tags refs/remotes 2>/dev/null
	echo HEAD
}

_pincheck_rule_ids() {
	"${_pincheck_bin:-pincheck}" rules list 2>/dev/null |
		awk '/^  [^ ]/ { print $1 }'
}

# _pincheck_value OPTION CUR: complete the value of OPTION.
_pincheck_value() {
	case $1 in
	--format) _pincheck_reply 'text json sarif github csv markdown cyclonedx' "$2" ;;
	--color) _pincheck_reply 'auto always never' "$2" ;;
	-C) _pincheck_files "$2" -d ;;
	--config | --baseline | --message | -o | --output) _pincheck_files "$2" ;;
	--rev) _pincheck_reply "$(_pincheck_revs)" "$2" ;;
	*) COMPREPLY=() ;;
	esac
}

_pincheck() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= i w cmd= sub= opts
	local -a args=()
	_pincheck_bin=${COMP_WORDS[0]}
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# --opt=VALUE: bash splits it at '=' (COMP_WORDBREAKS), or not.
	if [[ $cur == --*=* ]]; then
		_pincheck_value "${cur%%=*}" "${cur#*=}"
		COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
		return 0
	fi
	if [[ $cur == = ]] && ((COMP_CWORD > 1)); then
		_pincheck_value "$prev" ""
		return 0
	fi
	if [[ $prev == = ]] && ((COMP_CWORD > 2)); then
		_pincheck_value "${COMP_WORDS[COMP_CWORD - 2]}" "$cur"
		return 0
	fi
	if _pincheck_takes_arg "$prev"; then
		_pincheck_value "$prev" "$cur"
		return 0
	fi

	# The command and the words after it, skipping options and their values.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ ${COMP_WORDS[i + 1]} == = ]]; then
			((i += 2))
			continue
		fi
		if [[ $w == -* ]]; then
			_pincheck_takes_arg "$w" && ((i++))
			continue
		fi
		if [[ -z $cmd ]]; then
			cmd=$w
		else
			args+=("$w")
		fi
	done
	sub=${args[0]}

	case $cmd in
	scan) opts='--rev --staged --cached' ;;
	fix) opts='--diff --force' ;;
	bump) opts='--eval --diff --force' ;;
	eval) opts='--model --replaces' ;;
	check) opts='--staged --cached --squash --message' ;;
	pins) opts='--rev --include-prose' ;;
	drill) opts='--rev' ;;
	install) opts='--force --uninstall' ;;
	catalog) opts='-o --output' ;;
	*) opts= ;;
	esac
	if [[ $cur == -* ]]; then
		_pincheck_reply "$opts $_pincheck_global_opts" "$cur"
		return 0
	fi

	case $cmd in
	'') _pincheck_reply "$_pincheck_commands" "$cur" ;;
	help) ((${#args[@]} == 0)) && _pincheck_reply "$_pincheck_commands" "$cur" ;;
	hook)
		if ((${#args[@]} == 0)); then
			_pincheck_reply 'pre-commit pre-merge-commit commit-msg pre-push pre-receive' "$cur"
		elif [[ $sub == commit-msg ]] && ((${#args[@]} == 1)); then
			_pincheck_files "$cur"
		fi
		;;
	rules)
		case ${#args[@]}:$sub in
		0:) _pincheck_reply 'list show test' "$cur" ;;
		*:test) _pincheck_files "$cur" ;;
		1:show) _pincheck_reply "$(_pincheck_rule_ids)" "$cur" ;;
		esac
		;;
	eval)
		if ((${#args[@]} == 0)); then
			_pincheck_reply 'check' "$cur"
		else
			_pincheck_files "$cur"
		fi
		;;
	baseline)
		if ((${#args[@]} == 0)); then
			_pincheck_reply 'create' "$cur"
		else
			_pincheck_files "$cur"
		fi
		;;
	catalog)
		if ((${#args[@]} == 0)); then
			_pincheck_reply 'import' "$cur"
		else
			_pincheck_files "$cur"
		fi
		;;
	check) _pincheck_reply "$(_pincheck_revs)" "$cur" ;;
	scan | fix | pins | merge) _pincheck_files "$cur" ;;
	esac
	return 0
}

complete -F _pincheck pincheck
