# shellcheck shell=bash
# Podman as the container runtime for the Testcontainers tests, for machines with no Docker
# engine and no access to image registries (see "How it is tested" in DESIGN.md).
#
# Source this file, then:
#
#   podman_setup || echo "no container runtime"   # installs, configures, starts the service
#   ...                                           # DOCKER_HOST now points at Podman
#   podman_stop                                   # stops what podman_setup started
#
# podman_setup is idempotent: it installs nothing that is there, rewrites no configuration
# that is right, rebuilds no image that exists and reuses a service that already answers.
# It needs root (or sudo) for apt-get, /etc/containers and /run/podman.

PODMAN_SOCKET_PATH="${PODMAN_SOCKET_PATH:-/run/podman/podman.sock}"
PODMAN_ETCD_IMAGE="${PODMAN_ETCD_IMAGE:-localhost/etcd:3.4.23}"
PODMAN_CONTAINERS_CONF="${PODMAN_CONTAINERS_CONF:-/etc/containers/containers.conf}"
# Set by podman_setup when it started the service itself; podman_stop stops only that one.
PODMAN_SERVICE_PID=""
PODMAN_SERVICE_LOG=""

_podman_log() {
	printf '==> podman: %s\n' "$*" >&2
}

_podman_as_root() {
	if [[ "$(id -u)" -eq 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		_podman_log "root or sudo is needed to run: $*"
		return 1
	fi
}

# Run a slow command quietly; show its output only when it fails.
_podman_quietly() {
	local output
	if ! output="$("$@" 2>&1)"; then
		_podman_log "failed: $*"
		printf '%s\n' "${output}" | tail -n 20 >&2
		return 1
	fi
}

# Smaller of a wanted limit and a hard limit, which may be "unlimited".
_podman_limit() {
	local wanted="$1" hard="$2"
	if [[ "${hard}" == "unlimited" ]] || ((hard >= wanted)); then
		echo "${wanted}"
	else
		echo "${hard}"
	fi
}

# Whether the Docker-compatible API answers on the socket.
podman_socket_answers() {
	[[ -S "${PODMAN_SOCKET_PATH}" ]] \
		&& [[ "$(curl -fsS --max-time 2 --unix-socket "${PODMAN_SOCKET_PATH}" http://podman/_ping 2>/dev/null)" == "OK" ]]
}

_podman_install() {
	if command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
		return 0
	fi
	_podman_log "installing podman, runc and curl (apt-get)"
	_podman_quietly _podman_as_root apt-get update -q || return 1
	_podman_quietly _podman_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc curl
}

# crun fails on these hosts' hybrid cgroups, and Podman's default ulimits exceed the hard
# limits here: runc, and ulimits no higher than `ulimit -Hn` / `ulimit -Hu`.
_podman_configure() {
	local nofile nproc wanted
	nofile="$(_podman_limit 10000 "$(ulimit -Hn)")"
	nproc="$(_podman_limit 4096 "$(ulimit -Hu)")"
	wanted="$(
		cat <<EOF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
[engine]
runtime = "runc"
EOF
	)"
	if [[ -f "${PODMAN_CONTAINERS_CONF}" ]] && [[ "$(cat "${PODMAN_CONTAINERS_CONF}")" == "${wanted}" ]]; then
		return 0
	fi
	_podman_log "writing ${PODMAN_CONTAINERS_CONF} (runtime runc, nofile ${nofile}, nproc ${nproc})"
	_podman_as_root mkdir -p "$(dirname "${PODMAN_CONTAINERS_CONF}")" || return 1
	printf '%s\n' "${wanted}" | _podman_as_root tee "${PODMAN_CONTAINERS_CONF}" >/dev/null
}

# An image from the Debian etcd binary, which needs only libc and the loader: no registry.
_podman_build_image() {
	local etcd root library status
	if _podman_as_root podman image exists "${PODMAN_ETCD_IMAGE}" 2>/dev/null; then
		return 0
	fi
	etcd="$(command -v "${ETCD_BINARY:-etcd}")" || {
		_podman_log "no etcd binary to build ${PODMAN_ETCD_IMAGE} from"
		return 1
	}
	_podman_log "building ${PODMAN_ETCD_IMAGE} from ${etcd}"
	root="$(mktemp -d)"
	mkdir -p "${root}/usr/local/bin" "${root}/tmp"
	cp "${etcd}" "${root}/usr/local/bin/etcd"
	# the shared libraries ldd lists (on amd64: libc.so.6 and ld-linux-x86-64.so.2)
	while read -r library; do
		mkdir -p "${root}$(dirname "${library}")"
		cp -L "${library}" "${root}${library}"
	done < <(ldd "${etcd}" | grep -o '/[^ ]*')
	tar -C "${root}" -c . | _podman_quietly _podman_as_root podman import \
		--change 'ENTRYPOINT ["/usr/local/bin/etcd"]' - "${PODMAN_ETCD_IMAGE}"
	status=$?
	rm -rf "${root}"
	return "${status}"
}

_podman_start_service() {
	if podman_socket_answers; then
		_podman_log "reusing the service already answering on ${PODMAN_SOCKET_PATH}"
		return 0
	fi
	_podman_log "starting podman system service on ${PODMAN_SOCKET_PATH}"
	_podman_as_root mkdir -p "$(dirname "${PODMAN_SOCKET_PATH}")" || return 1
	# a socket left by a killed service would make the new one fail to bind
	_podman_as_root rm -f "${PODMAN_SOCKET_PATH}"
	PODMAN_SERVICE_LOG="$(mktemp -t podman-service.XXXXXX)"
	if [[ "$(id -u)" -eq 0 ]]; then
		podman system service --time=0 "unix://${PODMAN_SOCKET_PATH}" >"${PODMAN_SERVICE_LOG}" 2>&1 &
	else
		# shellcheck disable=SC2024 # the log belongs to the caller, not to root
		sudo podman system service --time=0 "unix://${PODMAN_SOCKET_PATH}" >"${PODMAN_SERVICE_LOG}" 2>&1 &
	fi
	PODMAN_SERVICE_PID=$!
	for _ in $(seq 1 100); do
		if podman_socket_answers; then
			return 0
		fi
		if ! kill -0 "${PODMAN_SERVICE_PID}" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	_podman_log "the service does not answer on ${PODMAN_SOCKET_PATH}; its log:"
	tail -n 20 "${PODMAN_SERVICE_LOG}" >&2
	podman_stop
	return 1
}

# Install, configure, build the etcd image and start the service; export DOCKER_HOST for
# Testcontainers. Returns non-zero, with the reason logged, when any step fails.
podman_setup() {
	if [[ "$(uname -s)" != "Linux" ]]; then
		_podman_log "Podman set-up is for Linux hosts only"
		return 1
	fi
	_podman_install || return 1
	_podman_configure || return 1
	_podman_build_image || return 1
	_podman_start_service || return 1
	export DOCKER_HOST="unix://${PODMAN_SOCKET_PATH}"
	# Ryuk needs a privileged socket mount that Podman does not give; the tests stop
	# their containers, and podman_stop removes any left over.
	export TESTCONTAINERS_RYUK_DISABLED=true
	_podman_log "ready: DOCKER_HOST=${DOCKER_HOST}, image ${PODMAN_ETCD_IMAGE}"
}

# Remove the Testcontainers containers and stop the service, when podman_setup started it.
# Safe to call more than once, and when podman_setup failed or never ran.
podman_stop() {
	local pid="${PODMAN_SERVICE_PID}" left
	if [[ -z "${pid}" ]]; then
		return 0
	fi
	PODMAN_SERVICE_PID=""
	left="$(_podman_as_root podman ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)"
	if [[ -n "${left}" ]]; then
		_podman_log "removing $(wc -w <<<"${left}") leftover Testcontainers container(s)"
		# shellcheck disable=SC2086 # one id per word
		_podman_as_root podman rm -f ${left} >/dev/null 2>&1 || true
	fi
	_podman_as_root kill "${pid}" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "${pid}" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "${pid}" 2>/dev/null; then
		_podman_as_root kill -9 "${pid}" 2>/dev/null || true
	fi
	wait "${pid}" 2>/dev/null || true
	_podman_as_root rm -f "${PODMAN_SOCKET_PATH}"
	if [[ -n "${PODMAN_SERVICE_LOG}" ]]; then
		rm -f "${PODMAN_SERVICE_LOG}"
	fi
	_podman_log "service stopped (pid ${pid})"
}
