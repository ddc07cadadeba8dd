# Bash completion for trainbench-cli: its commands and their options, preset names and config
# files where a config goes, run ids where a run goes (from the workspace --db names, else the
# default one), config keys after --set, --grid and --field, devices, files. `runs list` and
# `presets` answer in milliseconds; options (from a command's --help), config keys (`fields`)
# and devices take ~0.7 s from the commands that load LibTorch. Options and config keys do not
# change while a shell lives: each shell asks for them once per program (a new shell sees a
# rebuilt one).

# The commands, and the options that take a value: tests/cli checks both against --help.
_trainbench_cli_commands="train continue sweep validate runs results predict devices presets fields"
_trainbench_cli_valued="--db --device --set --name --nproc --epochs --grid --tag --output -o
    --checkpoint --from --out --batch-size --field --metric --notes --tags --limit -n"

# The first column of a table under a header line, up to its first blank line.
_trainbench_cli_first_column() {
    "$@" 2>/dev/null | awk 'NR == 1 { next } !NF { exit } { print $1 }'
}

declare -gA _trainbench_cli_cache=()

# Sets REPLY to what the command after $1 (its name in the cache) prints, asked once per shell
# and program; an empty answer (a program that failed) is asked again. Not inside $(...), whose
# subshell would keep the answer to itself.
_trainbench_cli_ask() {
    local key="$cli $1"
    shift
    [[ -n ${_trainbench_cli_cache[$key]-} ]] || _trainbench_cli_cache[$key]=$("$@" 2>/dev/null)
    REPLY=${_trainbench_cli_cache[$key]}
}

# Offers the words in $1 that start with the word being completed.
_trainbench_cli_offer() {
    local IFS=$'\n'
    COMPREPLY+=($(compgen -W "$1" -- "$cur"))
}

# Offers the folders, and the files whose names end in one of the given extensions (any file
# without one).
_trainbench_cli_files() {
    local IFS=$'\n' extension
    compopt -o filenames 2>/dev/null
    if (($# == 0)); then
        COMPREPLY+=($(compgen -f -- "$cur"))
        return
    fi
    COMPREPLY+=($(compgen -d -- "$cur"))
    for extension in "$@"; do
        COMPREPLY+=($(compgen -f -X "!*.$extension" -- "$cur"))
    done
}

_trainbench_cli() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cli=${COMP_WORDS[0]} db= word i REPLY
    local -a args=()
    COMPREPLY=()
    # The words before the one completed: the command, runs' subcommand, the positionals so
    # far; an option's value is not one of them.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == --db=* ]]; then
            db=${word#--db=}
        elif [[ $word == = ]]; then
            ((i++)) # bash splits `--set key=value` at the =: the value follows it
        elif [[ " ${_trainbench_cli_valued//$'\n'/ } " == *" $word "* ]]; then
            [[ $word == --db ]] && db=${COMP_WORDS[i + 1]}
            ((i++))
        elif [[ $word != -* ]]; then
            args+=("$word")
        fi
    done
    # The word as typed: without its quotes and backslashes, ~ for the home folder.
    db=${db//[\\\"\']/}
    [[ $db == "~/"* ]] && db=$HOME/${db#"~/"}
    local -a dbArgs=()
    [[ -n $db ]] && dbArgs=(--db "$db")

    case $prev in
    --db) _trainbench_cli_files db; return ;;
    --device)
        _trainbench_cli_offer "$("$cli" devices 2>/dev/null | awk '/^  [^ ]/ { print $1 }')"
        return ;;
    --checkpoint) _trainbench_cli_offer $'best\nlast'; return ;;
    --set | --grid)
        compopt -o nospace 2>/dev/null
        _trainbench_cli_ask keys "$cli" fields --keys
        _trainbench_cli_offer "$(sed 's/$/=/' <<<"$REPLY")"
        return ;;
    --field)
        _trainbench_cli_ask keys "$cli" fields --keys
        _trainbench_cli_offer "$REPLY"
        return ;;
    --output | -o | --out) _trainbench_cli_files; return ;;
    esac
    if [[ " ${_trainbench_cli_valued//$'\n'/ } " == *" $prev "* ]]; then
        return # a value to type: a field, a name, a number
    fi

    local command=${args[0]}
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            _trainbench_cli_offer $'--help\n--version'
        else
            _trainbench_cli_offer "${_trainbench_cli_commands// /$'\n'}"
        fi
        return
    fi
    local -a helpOf=("$command")
    local position=$((${#args[@]} - 1))
    if [[ $command == runs && ${#args[@]} -ge 2 ]]; then
        helpOf=(runs "${args[1]}")
        position=$((${#args[@]} - 2))
    fi
    if [[ $cur == -* ]]; then
        # A runs subcommand also takes the options of runs (--db).
        local help=
        for ((i = 1; i <= ${#helpOf[@]}; i++)); do
            _trainbench_cli_ask "${helpOf[*]:0:i} --help" "$cli" "${helpOf[@]:0:i}" --help
            help+=$REPLY$'\n'
        done
        _trainbench_cli_offer "$(sed -n 's/^  \(-[^ {]*\).*/\1/p' <<<"$help" | tr ',' '\n' |
            sort -u)"
        return
    fi

    case $command in
    train | validate | sweep)
        ((position == 0)) || return
        _trainbench_cli_offer "$(_trainbench_cli_first_column "$cli" presets)"
        _trainbench_cli_files yaml yml ;;
    presets)
        ((position == 0)) && _trainbench_cli_offer "$(_trainbench_cli_first_column "$cli" presets)" ;;
    fields)
        ((position == 0)) || return
        _trainbench_cli_ask keys "$cli" fields --keys
        _trainbench_cli_offer "$REPLY" ;;
    continue | predict)
        if ((position == 0)); then
            _trainbench_cli_offer "$(_trainbench_cli_first_column "$cli" runs "${dbArgs[@]}" list)"
        elif [[ $command == predict ]]; then
            _trainbench_cli_files
        fi ;;
    runs)
        if ((${#args[@]} == 1)); then
            _trainbench_cli_offer "$("$cli" runs --help 2>/dev/null |
                sed -n '/^Subcommands:/,$ s/^  \([a-z]\+\) .*/\1/p')"
            return
        fi
        case ${args[1]} in
        show | compare | note | delete | export)
            [[ ${args[1]} =~ ^(compare|delete)$ ]] || ((position == 0)) || return
            _trainbench_cli_offer "$(_trainbench_cli_first_column "$cli" runs "${dbArgs[@]}" list)" ;;
        merge) _trainbench_cli_files db ;;
        esac ;;
    esac
}

complete -F _trainbench_cli trainbench-cli
