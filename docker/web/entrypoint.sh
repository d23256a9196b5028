#!/bin/sh
# Turns the container's environment into the few nginx settings that differ per environment,
# then becomes nginx (exec: nginx is PID 1 and gets the stop signal itself).
#   PORT        port to listen on (default 8080)
#   API_ORIGIN  origin of the API the page talks to, e.g. https://console-api.example.com;
#               unset or empty means the page's own origin
set -eu

port="${PORT:-8080}"
origin="${API_ORIGIN:-}"

case "$port" in
  '' | *[!0-9]*)
    echo "PORT: must be a port number, got '$port'" >&2
    exit 1
    ;;
esac
# Checked strictly because the value is written into nginx's configuration and into a script.
case "$origin" in
  '') ;;
  *[!A-Za-z0-9.:/-]* | */ | *://*/*)
    echo "API_ORIGIN: must be an origin such as https://api.example.com (no path, no trailing /)" >&2
    exit 1
    ;;
  http://* | https://*) ;;
  *)
    echo "API_ORIGIN: must start with http:// or https://" >&2
    exit 1
    ;;
esac

runtime=/tmp/hexad-runtime.conf
{
  echo "listen $port;"
  echo "set \$hexad_api_origin \"$origin\";"
} >"$runtime"

exec "$@"
