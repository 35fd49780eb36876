# Shared by scripts/run-sample.sh and scripts/test.sh; meant to be sourced.
# Expects SCRIPT_NAME to be set by the caller (used in error messages).

log() {
	printf '==> %s\n' "$*" >&2
}

die() {
	printf '%s: %s\n' "${SCRIPT_NAME:-script}" "$*" >&2
	exit 1
}

as_root() {
	if [[ "$(id -u)" -eq 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "root or sudo is needed to run: $*"
	fi
}

# install_missing COMMAND=PACKAGE...: install, with apt-get, the Debian package of each command
# that is not on the PATH yet (a JDK also when only javac is missing).
install_missing() {
	local packages=() pair
	for pair in "$@"; do
		command -v "${pair%%=*}" >/dev/null 2>&1 || packages+=("${pair#*=}")
	done
	if [[ ${#packages[@]} -gt 0 ]]; then
		log "Installing ${packages[*]}"
		as_root apt-get update -q
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
	fi
}

# Maven 3.8's console library writes a stray colour reset (ESC[0m) per module even in batch
# mode (-B); jansi.noreset stops it, so that the output is clean text in logs and CI.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
