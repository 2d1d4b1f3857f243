# Sourced by test-js.sh, start.sh and wasm-test-webkit.sh: moto_server at the pinned version, a free loopback port, and
# waiting (bounded) for a server to listen.

ensure_moto() {
  if ! python3 -c 'import moto, sys; sys.exit(moto.__version__ != "5.2.5")' 2>/dev/null; then
    python3 -m pip install --quiet 'moto[server]==5.2.5'
  fi
}

# The real AWS CLI (v1, pinned) in a venv of its own, so its botocore never meets moto's. Sets AWSCLI_BIN.
AWSCLI_VERSION=1.46.3
ensure_awscli() {
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/elb-wasm/awscli-$AWSCLI_VERSION"
  if ! "$venv/bin/aws" --version 2>&1 | grep -q "aws-cli/$AWSCLI_VERSION "; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "awscli==$AWSCLI_VERSION"
  fi
  export AWSCLI_BIN="$venv/bin/aws"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_in_use() {
  python3 -c 'import socket, sys; s=socket.socket(); sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

wait_for_port() {
  python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(300):  # up to 30 s
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(f"nothing listens on 127.0.0.1:{sys.argv[1]} after 30 s")
PY
}

# start_moto PIDVAR URLVAR LOG [VAR=VALUE...]: moto_server on a free loopback port with those
# variables in its environment. Its PID goes into PIDVAR at once (for the caller's cleanup), its URL
# into URLVAR once it listens.
start_moto() {
  local pid_var=$1 url_var=$2 log=$3 port
  shift 3
  port=$(free_port)
  env "$@" moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  printf -v "$pid_var" '%s' "$!"
  wait_for_port "$port"
  printf -v "$url_var" '%s' "http://127.0.0.1:$port"
}
