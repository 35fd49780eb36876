#!/usr/bin/env bash
# Build the project and run every test, against real etcd processes.
#
#   bash scripts/test.sh [extra Maven arguments]
#
# Works from any directory. On a fresh Debian machine it first installs etcd (server and
# etcdctl), Maven and a JDK when they are missing (as root, or through sudo).
#
# The Testcontainers tests need a container runtime: Podman is set up for them (see
# scripts/podman-setup.sh) and stopped on exit. Where that fails they skip, with a warning;
# with CI=true the build fails instead, as they must run in CI.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ETCD="${ETCD_BINARY:-etcd}"

# shellcheck source=scripts/podman-setup.sh
source "${ROOT_DIR}/scripts/podman-setup.sh"

SCRIPT_NAME=test
# shellcheck source=scripts/common.sh
source "${ROOT_DIR}/scripts/common.sh"

# Install the Debian packages for whatever is not on the PATH yet.
install_prerequisites() {
	install_missing "${ETCD}=etcd-server" etcdctl=etcd-client openssl=openssl mvn=maven java=default-jdk-headless \
		javac=default-jdk-headless
}

print_versions() {
	log "etcd: $("${ETCD}" --version | head -n 1)"
	log "etcdctl: $(ETCDCTL_API=3 etcdctl version | head -n 1)"
	log "java: $(java -version 2>&1 | head -n 1)"
}

warn() {
	printf '\n%s\n!!! %s\n%s\n\n' "$(printf '!%.0s' {1..78})" "$*" "$(printf '!%.0s' {1..78})" >&2
}

# A container runtime for the Testcontainers tests: one already there (DOCKER_HOST, or a
# Docker engine on its default socket), else Podman. Without one the suite still runs and
# those tests skip, except in CI, where skipping would hide them.
start_container_runtime() {
	if [[ -n "${DOCKER_HOST:-}" ]]; then
		log "Container runtime: DOCKER_HOST=${DOCKER_HOST}"
		if [[ "${CI:-}" == "true" && "${DOCKER_HOST}" == unix://* ]]; then
			PODMAN_SOCKET_PATH="${DOCKER_HOST#unix://}" podman_socket_answers \
				|| die "CI=true but DOCKER_HOST ${DOCKER_HOST} does not answer"
		fi
		return 0
	fi
	if PODMAN_SOCKET_PATH=/var/run/docker.sock podman_socket_answers; then
		log "Container runtime: the Docker engine on /var/run/docker.sock"
		return 0
	fi
	trap podman_stop EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if ! podman_setup; then
		if [[ "${CI:-}" == "true" ]]; then
			die "CI=true but Podman could not be set up: the Testcontainers tests would be skipped"
		fi
		warn "Podman could not be set up: the Testcontainers tests will be SKIPPED"
		return 0
	fi
	if [[ "${CI:-}" == "true" ]] && ! podman_socket_answers; then
		die "CI=true but the Podman socket ${PODMAN_SOCKET_PATH} does not answer"
	fi
}

run_build() {
	log "mvn -B verify $*"
	(cd "${ROOT_DIR}" && mvn -B verify "$@")
}

main() {
	install_prerequisites
	print_versions
	start_container_runtime
	run_build "$@"
}

main "$@"
