# bash completion for stellar-cli                          -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later

_stellar_cli()
{
  local cur prev words cword
  _init_completion || return

  local commands="details action say emit room-view listen file bench"
  local global_options="--color= --compact --http --version --help"
  local command="" i

  for (( i = 1; i < cword; i++ )); do
    case " $commands " in
      *" ${words[i]} "*) command=${words[i]}; break ;;
    esac
  done

  if [[ -z $command ]]; then
    case $cur in
      --color=*) COMPREPLY=( $(compgen -W "auto always never" -- "${cur#--color=}") ); return ;;
      -*) COMPREPLY=( $(compgen -W "$global_options" -- "$cur") ); [[ $COMPREPLY == *= ]] && compopt -o nospace; return ;;
    esac
    # A URL first, unless STELLAR_URL names the server.
    local have_url=""
    for (( i = 1; i < cword; i++ )); do
      [[ ${words[i]} == http*://* || ${words[i]} == ws*://* ]] && have_url=1
    done
    if [[ -n $have_url || -n $STELLAR_URL ]]; then
      COMPREPLY=( $(compgen -W "$commands" -- "$cur") )
    else
      COMPREPLY=( $(compgen -W "http:// https:// $commands" -- "$cur") )
      compopt -o nospace
    fi
    return
  fi

  local options="--help"
  case $command in
    action) options+=" --http --websocket" ;;
    listen) options+=" --frames" ;;
    bench) options+=" --count --in-flight --rate --http --websocket --json --csv" ;;
  esac

  case $prev in
    --csv) _filedir; return ;;
    --count|-n|--in-flight|-C|--rate|-r) return ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$options" -- "$cur") )
  fi
} && complete -F _stellar_cli stellar-cli
