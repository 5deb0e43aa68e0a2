# bash completion for outage-impact
_outage_impact() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local commands="estimate batch sensitivity check presets import-io risk compare help"
  local shared="--duration --start --severity --set --model --format -o --output --force --currency-format --csv-raw -q --quiet --help"
  local sampling="--samples --seed --threads"
  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --help-all --version" -- "$cur"))
    return
  fi
  case "$prev" in
    --format) COMPREPLY=($(compgen -W "table csv json markdown" -- "$cur")); return ;;
    --model) COMPREPLY=($(compgen -W "static dynamic" -- "$cur")); return ;;
    --currency-format) COMPREPLY=($(compgen -W "raw human" -- "$cur")); return ;;
    --from) COMPREPLY=($(compgen -W "csv statuspage pagerduty opsgenie datadog" -- "$cur")); return ;;
    --timezone) COMPREPLY=($(compgen -W "UTC +00:00" -- "$cur")); return ;;
    --columns | --severity-map | --component) return ;;
    -o | --output | --exceedance | --series | --chart | --matrix | --history | --ylt | --elt | --risk-process | --variant-risk)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --ord) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --years) COMPREPLY=($(compgen -W "auto 10000 100000" -- "$cur")); return ;;
    --scenario)
      COMPREPLY=($(compgen -W "$(outage-impact presets 2>/dev/null | awk '/^[^ ]/ { print $1 }')" -- "$cur")
                 $(compgen -f -X '!*.toml' -- "$cur"))
      return ;;
  esac
  local options
  case "${words[1]}" in
    estimate) options="$shared $sampling --percentiles --show-stderr --exceedance --series --step --chart" ;;
    sensitivity) options="$shared $sampling --all --top --chart" ;;
    batch) options="--scenario --start --severity --set --model --skip-bad-rows --from --columns --severity-map --timezone --component -o --output --force --currency-format --csv-raw -q --quiet --help" ;;
    risk) options="--risk --history --history-period --years --tolerance --seed --threads --central --return-periods --ylt --elt --ord --set --model --format -o --output --force --currency-format --csv-raw -q --quiet --help" ;;
    compare) options="--variant --variant-risk --risk --risk-process --years --central --return-periods --samples --seed --threads --duration --start --severity --set --model --format -o --output --force --currency-format --csv-raw -q --quiet --help" ;;
    check) options="--duration --start --severity --set --model --help" ;;
    import-io) options="--output-row --end-column --scale --missing --matrix --currency --rows-by-position -o --output --force -q --help" ;;
    *) options="--help" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ "${words[1]}" == help ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  elif [[ "${words[1]}" =~ ^(estimate|sensitivity|check|presets|risk|compare)$ ]]; then
    COMPREPLY=($(compgen -W "$(outage-impact presets 2>/dev/null | awk '/^[^ ]/ { print $1 }')" -- "$cur")
               $(compgen -f -X '!*.toml' -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _outage_impact outage-impact
