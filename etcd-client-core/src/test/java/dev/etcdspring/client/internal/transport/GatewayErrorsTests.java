package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdCompactedException;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLearnerNotReadyException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.exception.EtcdMemberNotFoundException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error answers and I/O failures become the right {@link EtcdException}. Answers a real
 * etcd cannot easily be made to give (an auth token expiring mid-request, a 3.6-style
 * body) are covered here; the common ones also by the integration tests.
 */
class GatewayErrorsTests {

	private static final String ENDPOINT = "http://127.0.0.1:2379";

	@Test
	void compactedAnswerShouldBeCompacted() {
		EtcdException ex = answer(400, 11, "etcdserver: mvcc: required revision has been compacted");
		assertThat(ex).isInstanceOf(EtcdCompactedException.class)
			.hasMessageContaining(ENDPOINT)
			.hasMessageContaining("kv/range")
			.hasMessageContaining("compacted");
		assertThat(((EtcdServerException) ex).getCode()).isEqualTo(11);
	}

	@Test
	void tooLargeAnswerShouldNameTheLimit() {
		EtcdException ex = answer(400, 3, "etcdserver: request is too large");
		assertThat(ex).isInstanceOf(EtcdRequestTooLargeException.class)
			.hasMessageContaining("--max-request-bytes")
			.hasMessageContaining("1572864");
		assertThat(answer(429, 8, "grpc: received message larger than max (4194313 vs. 2097152)"))
			.isInstanceOf(EtcdRequestTooLargeException.class);
	}

	@Test
	void tooManyTxnOperationsShouldNameTheServerSetting() {
		assertThat(answer(400, 3, "etcdserver: too many operations in txn request"))
			.isExactlyInstanceOf(EtcdServerException.class)
			.hasMessageContaining("too many operations in txn request")
			.hasMessageContaining("--max-txn-ops");
	}

	@Test
	void leaseNotFoundShouldBeLeaseNotFound() {
		assertThat(answer(404, 5, "etcdserver: requested lease not found"))
			.isInstanceOf(EtcdLeaseNotFoundException.class);
	}

	@Test
	void authErrorsShouldBeAuthentication() {
		assertThat(answer(401, 16, "etcdserver: invalid auth token")).isInstanceOf(EtcdAuthenticationException.class);
		assertThat(answer(403, 7, "etcdserver: permission denied")).isInstanceOf(EtcdPermissionDeniedException.class)
			.isNotInstanceOf(EtcdAuthenticationException.class);
		assertThat(answer(400, 3, "etcdserver: authentication failed, invalid user ID or password"))
			.isInstanceOf(EtcdAuthenticationException.class);
	}

	@Test
	void noLeaderShouldBeUnavailableForReadsAndWrites() {
		assertThat(answer(503, 14, "etcdserver: no leader")).isInstanceOf(EtcdUnavailableException.class);
		assertThat(GatewayErrors.fromAnswer(503, body(14, "etcdserver: no leader"), ENDPOINT, "kv/put",
				RequestKind.WRITE, 10))
			.isInstanceOf(EtcdUnavailableException.class);
	}

	@Test
	void timeoutInsideEtcdShouldMakeAWriteOutcomeUnknown() {
		assertThat(GatewayErrors.fromAnswer(503, body(14, "etcdserver: request timed out"), ENDPOINT, "kv/put",
				RequestKind.WRITE, 10))
			.isInstanceOf(EtcdOutcomeUnknownException.class)
			.hasMessageContaining("may or may not have been applied");
	}

	@Test
	void leaderChangeInsideEtcdShouldMakeAWriteOutcomeUnknownAndAReadUnavailable() {
		assertThat(GatewayErrors.fromAnswer(503, body(14, "etcdserver: leader changed"), ENDPOINT, "kv/put",
				RequestKind.WRITE, 10))
			.isInstanceOf(EtcdOutcomeUnknownException.class);
		assertThat(answer(503, 14, "etcdserver: leader changed")).isInstanceOfSatisfying(EtcdUnavailableException.class,
				(ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.LEADER_CHANGED));
	}

	@Test
	void authenticationDisabledShouldBePreconditionFailed() {
		assertThat(answer(400, 9, "etcdserver: authentication is not enabled")).isInstanceOfSatisfying(
				EtcdPreconditionFailedException.class,
				(ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTH_NOT_ENABLED));
	}

	@Test
	void authAdministrationRefusalsShouldBePreconditionFailedWithTheirKind() {
		assertThat(answer(412, 9, "etcdserver: user name not found")).isInstanceOfSatisfying(
				EtcdPreconditionFailedException.class,
				(ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.USER_NOT_FOUND));
		assertThat(answer(412, 9, "etcdserver: root user does not have root role")).isInstanceOfSatisfying(
				EtcdPreconditionFailedException.class,
				(ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.ROOT_ROLE_NOT_GRANTED));
		// etcd answers this one with InvalidArgument
		assertThat(answer(400, 3, "etcdserver: invalid auth management")).isExactlyInstanceOf(EtcdServerException.class)
			.satisfies((ex) -> assertThat(((EtcdServerException) ex).getError())
				.isEqualTo(EtcdError.INVALID_AUTH_MANAGEMENT));
	}

	@Test
	void failedPreconditionShouldBePreconditionFailed() {
		assertThat(answer(400, 9, "etcdserver: duplicate key given in txn request"))
			.isInstanceOf(EtcdServerException.class);
		assertThat(answer(400, 9, "etcdserver: some precondition")).isInstanceOf(EtcdPreconditionFailedException.class);
	}

	@Test
	void etcd36BodyWithoutErrorFieldShouldUseMessage() {
		byte[] body = "{\"code\":11,\"message\":\"etcdserver: mvcc: required revision has been compacted\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(GatewayErrors.fromAnswer(400, body, ENDPOINT, "kv/range", RequestKind.READ, 10))
			.isInstanceOf(EtcdCompactedException.class);
	}

	@Test
	void nonJsonAnswerShouldKeepStatusAndText() {
		byte[] body = "404 page not found".getBytes(StandardCharsets.UTF_8);
		assertThat(GatewayErrors.fromAnswer(404, body, ENDPOINT, "kv/range", RequestKind.READ, 10))
			.isExactlyInstanceOf(EtcdServerException.class)
			.hasMessageContaining("HTTP 404")
			.hasMessageContaining("404 page not found");
	}

	@Test
	void refusedConnectionShouldBeConnectionFailureEvenForWrites() {
		RequestNotSentException failure = new RequestNotSentException(new ConnectException("Connection refused"));
		assertThat(GatewayErrors.fromIoFailure(failure, ENDPOINT, "kv/put", RequestKind.WRITE))
			.isInstanceOf(EtcdConnectionException.class)
			.hasMessageContaining("Cannot connect to etcd at " + ENDPOINT)
			.hasMessageContaining("ConnectException: Connection refused");
	}

	@Test
	void failedTlsHandshakeShouldBeConnectionFailureEvenForWrites() {
		RequestNotSentException failure = new RequestNotSentException(
				new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
		assertThat(GatewayErrors.fromIoFailure(failure, ENDPOINT, "kv/put", RequestKind.WRITE))
			.isInstanceOf(EtcdConnectionException.class)
			.hasMessageContaining("SSLHandshakeException: PKIX path building failed");
	}

	@Test
	void lostAnswerShouldBeTimeoutForReadsAndOutcomeUnknownForWrites() {
		java.net.SocketTimeoutException failure = new java.net.SocketTimeoutException("Read timed out");
		assertThat(GatewayErrors.fromIoFailure(failure, ENDPOINT, "kv/range", RequestKind.READ))
			.isInstanceOf(EtcdTimeoutException.class);
		assertThat(GatewayErrors.fromIoFailure(failure, ENDPOINT, "kv/put", RequestKind.WRITE))
			.isInstanceOf(EtcdOutcomeUnknownException.class);
		IOException reset = new java.net.SocketException("Connection reset");
		assertThat(GatewayErrors.fromIoFailure(reset, ENDPOINT, "kv/range", RequestKind.READ))
			.isInstanceOf(EtcdConnectionException.class);
	}

	@Test
	void membershipRefusalsShouldBeTypedAndSayWhatToDo() {
		EtcdException notFound = answer(404, 5, "etcdserver: member not found");
		assertThat(notFound).isInstanceOf(EtcdMemberNotFoundException.class)
			.hasMessageContaining("member not found")
			.hasMessageContaining("cluster().members()");
		EtcdException notReady = answer(400, 9,
				"etcdserver: can only promote a learner member which is in sync with leader");
		assertThat(notReady).isInstanceOf(EtcdLearnerNotReadyException.class)
			.hasMessageContaining("caught up")
			.hasMessageContaining("promote it again");
		assertThat(((EtcdServerException) notReady).getError()).isEqualTo(EtcdError.LEARNER_NOT_READY);
		EtcdException notLearner = answer(400, 9, "etcdserver: can only promote a learner member");
		assertThat(notLearner).isExactlyInstanceOf(EtcdPreconditionFailedException.class)
			.hasMessageContaining("only a learner is promoted");
		assertThat(answer(400, 9, "etcdserver: Peer URLs already exists"))
			.isExactlyInstanceOf(EtcdPreconditionFailedException.class)
			.hasMessageContaining("another member has one of these peer URLs");
		assertThat(answer(400, 9, "etcdserver: too many learner members in cluster"))
			.isExactlyInstanceOf(EtcdPreconditionFailedException.class)
			.hasMessageContaining("one learner at a time");
		assertThat(answer(400, 9, "etcdserver: re-configuration failed due to not enough started members"))
			.isExactlyInstanceOf(EtcdPreconditionFailedException.class)
			.hasMessageContaining("start the members that are down first");
		EtcdException removedId = GatewayErrors.fromAnswer(404, body(5, "etcdserver: member not found"), ENDPOINT,
				"cluster/member/add", RequestKind.WRITE, 10);
		assertThat(removedId).isInstanceOf(EtcdMemberNotFoundException.class)
			.hasMessageContaining("removed within the same second");
		assertThat(answer(400, 3, "etcdserver: given member URLs are invalid"))
			.isExactlyInstanceOf(EtcdServerException.class)
			.hasMessageContaining("http://host:port");
	}

	@Test
	void refusalsBeforeAnyChangeShouldBeUnavailableEvenForWrites() {
		for (String message : new String[] { "etcdserver: rpc not supported for learner",
				"etcdserver: unhealthy cluster" }) {
			EtcdException ex = GatewayErrors.fromAnswer(503, body(14, message), ENDPOINT, "kv/put", RequestKind.WRITE,
					10);
			assertThat(ex).as(message)
				.isInstanceOf(EtcdUnavailableException.class)
				.hasMessageContaining("nothing was changed");
		}
	}

	private static EtcdException answer(int status, int code, String message) {
		return GatewayErrors.fromAnswer(status, body(code, message), ENDPOINT, "kv/range", RequestKind.READ, 10);
	}

	private static byte[] body(int code, String message) {
		return ("{\"error\":\"" + message + "\",\"code\":" + code + ",\"message\":\"" + message + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
