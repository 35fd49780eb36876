#!/usr/bin/env bash
# Build the project and run the sample application against a throwaway local etcd.
#
#   bash scripts/run-sample.sh [extra arguments for the sample app]
#
# Works from any directory. On a fresh Debian machine it first installs etcd, Maven and a
# JDK when they are missing (as root, or through sudo). etcd listens on free loopback ports
# only, keeps its data in a temporary directory, and is stopped (and the directory removed)
# however this script ends. The exit code is the sample's.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLE_DIR="${ROOT_DIR}/samples/etcd-sample-app"
ETCD="${ETCD_BINARY:-etcd}"
ETCD_PID=""
ETCD_ENDPOINT=""
SAMPLE_PID=""
WORK_DIR=""

SCRIPT_NAME=run-sample
# shellcheck source=scripts/common.sh
source "${ROOT_DIR}/scripts/common.sh"

# Install the Debian packages for whatever is not on the PATH yet.
install_prerequisites() {
	install_missing "${ETCD}=etcd-server" mvn=maven java=default-jdk-headless javac=default-jdk-headless
}

# Package the sample and the modules it needs inside the project's target/ folders: nothing is
# installed into the local Maven repository (~/.m2), which only receives the downloaded
# dependencies.
build() {
	log "Building the sample and the modules it needs (mvn package; nothing is installed into ~/.m2)"
	(cd "${ROOT_DIR}" && mvn -q -B -DskipTests -pl samples/etcd-sample-app -am package)
}

sample_jar() {
	local jar
	for jar in "${SAMPLE_DIR}"/target/etcd-sample-app-*.jar; do
		case "${jar}" in
		*-sources.jar | *-javadoc.jar | *-tests.jar) ;;
		*)
			if [[ -f "${jar}" ]]; then
				printf '%s\n' "${jar}"
				return 0
			fi
			;;
		esac
	done
	die "no sample jar in ${SAMPLE_DIR}/target: did the build run?"
}

# Whether something accepts connections on 127.0.0.1:$1.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Print a port that nothing listens on, below the kernel's ephemeral range.
free_port() {
	local port attempt
	for attempt in $(seq 1 50); do
		port=$((20000 + RANDOM % 10000))
		if ! port_in_use "${port}"; then
			printf '%s\n' "${port}"
			return 0
		fi
	done
	die "found no free loopback port after ${attempt} tries"
}

etcd_healthy() {
	local url="http://127.0.0.1:$1/health"
	if command -v curl >/dev/null 2>&1; then
		curl -fsS --max-time 2 "${url}" 2>/dev/null | grep -q '"health":"true"'
	else
		# plain bash: HTTP/1.0, so etcd closes the connection after answering
		# shellcheck disable=SC2016 # $1 is expanded by the inner bash
		timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
			printf "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 &&
			grep -q "\"health\":\"true\"" <&3' _ "$1" 2>/dev/null
	fi
}

# Put a key through etcd's JSON gateway (keys and values travel base64-encoded), with curl or,
# without it, plain bash.
etcd_put() {
	local body
	body="{\"key\":\"$(printf '%s' "$1" | base64 -w0)\",\"value\":\"$(printf '%s' "$2" | base64 -w0)\"}"
	if command -v curl >/dev/null 2>&1; then
		curl -fsS --max-time 5 -X POST -d "${body}" "${ETCD_ENDPOINT}/v3/kv/put" >/dev/null
	else
		# shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash
		timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
			printf "POST /v3/kv/put HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n%s" "${#2}" "$2" >&3 &&
			grep -q "\"revision\"" <&3' _ "${ETCD_ENDPOINT##*:}" "${body}"
	fi
}

# Start etcd on free ports; sets ETCD_PID and ETCD_ENDPOINT. Another process may grab a port
# between the check and etcd's bind, so a start that fails is tried again on other ports.
start_etcd() {
	local attempt client_port peer_port deadline
	for attempt in 1 2 3 4 5; do
		client_port="$(free_port)"
		peer_port="$(free_port)"
		[[ "${client_port}" != "${peer_port}" ]] || continue
		rm -rf "${WORK_DIR}/data"
		log "Starting etcd on 127.0.0.1:${client_port} (peer port ${peer_port}, data in ${WORK_DIR})"
		"${ETCD}" --name run-sample --data-dir "${WORK_DIR}/data" \
			--listen-client-urls "http://127.0.0.1:${client_port}" \
			--advertise-client-urls "http://127.0.0.1:${client_port}" \
			--listen-peer-urls "http://127.0.0.1:${peer_port}" \
			--initial-advertise-peer-urls "http://127.0.0.1:${peer_port}" \
			--initial-cluster "run-sample=http://127.0.0.1:${peer_port}" \
			>"${WORK_DIR}/etcd.log" 2>&1 &
		ETCD_PID=$!
		deadline=$((SECONDS + 30))
		while ((SECONDS < deadline)); do
			if ! kill -0 "${ETCD_PID}" 2>/dev/null; then
				wait "${ETCD_PID}" 2>/dev/null || true
				ETCD_PID=""
				log "etcd exited at start (attempt ${attempt}); its log ends with:"
				tail -n 5 "${WORK_DIR}/etcd.log" >&2 || true
				break
			fi
			if etcd_healthy "${client_port}"; then
				ETCD_ENDPOINT="http://127.0.0.1:${client_port}"
				return 0
			fi
			sleep 0.2
		done
		if [[ -n "${ETCD_PID}" ]]; then
			tail -n 20 "${WORK_DIR}/etcd.log" >&2 || true
			die "etcd did not report healthy within 30s"
		fi
	done
	die "etcd could not be started; see the log lines above"
}

# Stop a child process: SIGTERM, then SIGKILL if it is still there after 10 seconds.
stop_process() {
	local pid="$1" name="$2" waited
	if kill -0 "${pid}" 2>/dev/null; then
		kill -TERM "${pid}" 2>/dev/null || true
		for waited in $(seq 1 50); do
			kill -0 "${pid}" 2>/dev/null || break
			sleep 0.2
		done
		if kill -0 "${pid}" 2>/dev/null; then
			log "${name} (pid ${pid}) ignored SIGTERM for ${waited} checks; killing it"
			kill -KILL "${pid}" 2>/dev/null || true
		fi
	fi
	wait "${pid}" 2>/dev/null || true
}

cleanup() {
	if [[ -n "${SAMPLE_PID}" ]]; then
		stop_process "${SAMPLE_PID}" "the sample"
		SAMPLE_PID=""
	fi
	if [[ -n "${ETCD_PID}" ]]; then
		stop_process "${ETCD_PID}" etcd
		ETCD_PID=""
	fi
	if [[ -n "${WORK_DIR}" ]]; then
		rm -rf "${WORK_DIR}"
		WORK_DIR=""
	fi
}

main() {
	install_prerequisites
	build
	local jar
	jar="$(sample_jar)"
	WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/etcd-run-sample.XXXXXX")"
	start_etcd
	# the greeting the sample imports from etcd (spring.config.import) and then changes live
	etcd_put /sample/config/greeting.text "hello from etcd" || die "could not put the sample's greeting into etcd"
	log "Running ${jar##*/} against ${ETCD_ENDPOINT}"
	local status=0
	# in the background so that INT and TERM reach the traps (and so cleanup) at once
	java -jar "${jar}" "--etcd.endpoints=${ETCD_ENDPOINT}" --spring.output.ansi.enabled=never "$@" &
	SAMPLE_PID=$!
	wait "${SAMPLE_PID}" || status=$?
	SAMPLE_PID=""
	log "Sample exited with code ${status}"
	return "${status}"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

main "$@"
