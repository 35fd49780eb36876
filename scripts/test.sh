#!/usr/bin/env bash
# Build the project and run every test, against real etcd processes.
#
#   bash scripts/test.sh [extra Maven arguments]
#
# Works from any directory. On a fresh Debian machine it first installs etcd (server and
# etcdctl), Maven and a JDK when they are missing (as root, or through sudo).
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ETCD="${ETCD_BINARY:-etcd}"

log() {
	printf '==> %s\n' "$*" >&2
}

die() {
	printf 'test: %s\n' "$*" >&2
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

# Install the Debian packages for whatever is not on the PATH yet.
install_prerequisites() {
	local packages=()
	command -v "${ETCD}" >/dev/null 2>&1 || packages+=(etcd-server)
	command -v etcdctl >/dev/null 2>&1 || packages+=(etcd-client)
	command -v mvn >/dev/null 2>&1 || packages+=(maven)
	if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
		packages+=(default-jdk-headless)
	fi
	if [[ ${#packages[@]} -gt 0 ]]; then
		log "Installing ${packages[*]}"
		as_root apt-get update -q
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
	fi
}

print_versions() {
	log "etcd: $("${ETCD}" --version | head -n 1)"
	log "etcdctl: $(ETCDCTL_API=3 etcdctl version | head -n 1)"
	log "java: $(java -version 2>&1 | head -n 1)"
}

run_build() {
	log "mvn -B verify $*"
	(cd "${ROOT_DIR}" && mvn -B verify "$@")
}

main() {
	install_prerequisites
	print_versions
	run_build "$@"
}

main "$@"
