# Sourced by the test scripts: an Xvfb display of their own for WebKitGTK, which has no headless mode.
# start_xvfb LOG: starts Xvfb on the first free display number (:90-:199), waits (bounded) for its
# socket, and sets `display` and `xvfb_pid`; the caller stops it by that PID.
start_xvfb() {
  display=""
  local n
  for n in $(seq 90 199); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
  done
  [ -n "$display" ] || { echo "no free X display number" >&2; return 1; }
  Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$1" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
}
