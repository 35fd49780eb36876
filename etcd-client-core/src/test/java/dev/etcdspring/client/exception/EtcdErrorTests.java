package dev.etcdspring.client.exception;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EtcdError#classify(int, String)} tells etcd's errors apart by message, and by
 * code when the message is not one of etcd's. The messages and codes are etcd's own
 * ({@code rpctypes}, etcd 3.4 to 3.6); which exception each kind becomes is covered by
 * {@code GatewayErrorsTests} and, against a real etcd, by the tests named on each case.
 */
class EtcdErrorTests {

	@ParameterizedTest
	@EnumSource(mode = EnumSource.Mode.EXCLUDE,
			names = { "UNAUTHENTICATED", "UNAVAILABLE", "DEADLINE_EXCEEDED", "FAILED_PRECONDITION", "UNKNOWN" })
	void etcdsMessageWithItsCodeShouldBeItsKind(EtcdError error) {
		assertThat(error.getServerMessage()).startsWith("etcdserver: ");
		assertThat(EtcdError.classify(error.getCode(), error.getServerMessage())).isEqualTo(error);
		// without a code too, as in the reason etcd gives for cancelling a watch
		assertThat(EtcdError.classify(EtcdError.NO_CODE, error.getServerMessage())).isEqualTo(error);
	}

	@ParameterizedTest
	@CsvSource({ "COMPACTED, 11", "REQUEST_TOO_LARGE, 3", "TOO_MANY_TXN_OPS, 3", "LEASE_NOT_FOUND, 5",
			"PERMISSION_DENIED, 7", "USER_NAME_EMPTY, 3", "INVALID_AUTH_TOKEN, 16", "AUTH_OLD_REVISION, 3",
			"AUTHENTICATION_FAILED, 3", "AUTH_NOT_ENABLED, 9", "UNAUTHENTICATED, 16", "NO_LEADER, 14",
			"LEADER_CHANGED, 14", "REQUEST_TIMED_OUT, 14", "UNAVAILABLE, 14", "DEADLINE_EXCEEDED, 4",
			"FAILED_PRECONDITION, 9", "USER_NOT_FOUND, 9", "USER_ALREADY_EXISTS, 9", "ROLE_NOT_FOUND, 9",
			"ROLE_ALREADY_EXISTS, 9", "ROLE_NOT_GRANTED, 9", "PERMISSION_NOT_GRANTED, 9", "ROOT_USER_NOT_FOUND, 9",
			"ROOT_ROLE_NOT_GRANTED, 9", "INVALID_AUTH_MANAGEMENT, 3", "MEMBER_NOT_FOUND, 5", "MEMBER_EXISTS, 9",
			"PEER_URL_EXISTS, 9", "MEMBER_BAD_URLS, 3", "MEMBER_NOT_LEARNER, 9", "LEARNER_NOT_READY, 9",
			"TOO_MANY_LEARNERS, 9", "NOT_ENOUGH_STARTED_MEMBERS, 9", "UNHEALTHY_CLUSTER, 14",
			"NOT_SUPPORTED_FOR_LEARNER, 14", "UNKNOWN, -1" })
	void codeShouldBeTheOneEtcdAnswersWith(EtcdError error, int code) {
		assertThat(error.getCode()).isEqualTo(code);
	}

	@Test
	void unknownMessageShouldBeClassifiedByItsCode() {
		assertThat(EtcdError.classify(16, "etcdserver: something new")).isEqualTo(EtcdError.UNAUTHENTICATED);
		assertThat(EtcdError.classify(14, "etcdserver: server stopped")).isEqualTo(EtcdError.UNAVAILABLE);
		assertThat(EtcdError.classify(4, "context deadline exceeded")).isEqualTo(EtcdError.DEADLINE_EXCEEDED);
		assertThat(EtcdError.classify(9, "etcdserver: duplicate key given in txn request"))
			.isEqualTo(EtcdError.FAILED_PRECONDITION);
		assertThat(EtcdError.classify(7, "rpc error")).isEqualTo(EtcdError.PERMISSION_DENIED);
		assertThat(EtcdError.classify(14, null)).isEqualTo(EtcdError.UNAVAILABLE);
	}

	@Test
	void unknownCodeAndMessageShouldStayUnknown() {
		assertThat(EtcdError.classify(3, "etcdserver: key not found")).isEqualTo(EtcdError.UNKNOWN);
		// code 5 alone is not a lease: etcd answers a missing member with it too
		assertThat(EtcdError.classify(5, "etcdserver: member not found")).isEqualTo(EtcdError.MEMBER_NOT_FOUND);
		assertThat(EtcdError.classify(5, "etcdserver: something else not found")).isEqualTo(EtcdError.UNKNOWN);
		assertThat(EtcdError.classify(2, "")).isEqualTo(EtcdError.UNKNOWN);
		assertThat(EtcdError.classify(EtcdError.NO_CODE, null)).isEqualTo(EtcdError.UNKNOWN);
		assertThat(EtcdError.classify(EtcdError.NO_CODE, "404 page not found")).isEqualTo(EtcdError.UNKNOWN);
		// gRPC's message limit counts only with gRPC's code for it
		assertThat(EtcdError.classify(3, "grpc: received message larger than max (4194313 vs. 2097152)"))
			.isEqualTo(EtcdError.UNKNOWN);
	}

	@Test
	void messageWrappedByGrpcOrExtendedByEtcdShouldStillBeRecognised() {
		assertThat(EtcdError.classify(EtcdError.NO_CODE,
				"rpc error: code = PermissionDenied desc = etcdserver: permission denied"))
			.isEqualTo(EtcdError.PERMISSION_DENIED);
		assertThat(EtcdError.classify(14, "etcdserver: request timed out, possibly due to previous leader failure"))
			.isEqualTo(EtcdError.REQUEST_TIMED_OUT);
		assertThat(EtcdError.classify(8, "grpc: received message larger than max (4194313 vs. 2097152)"))
			.isEqualTo(EtcdError.REQUEST_TOO_LARGE);
	}

	@Test
	void etcdsMessageShouldOutweighTheCode() {
		// etcd answers these with Unavailable, which alone would be UNAVAILABLE
		assertThat(EtcdError.classify(14, "etcdserver: no leader")).isEqualTo(EtcdError.NO_LEADER);
		assertThat(EtcdError.classify(14, "etcdserver: leader changed")).isEqualTo(EtcdError.LEADER_CHANGED);
		// and these with InvalidArgument and FailedPrecondition
		assertThat(EtcdError.classify(3, "etcdserver: user name is empty")).isEqualTo(EtcdError.USER_NAME_EMPTY);
		assertThat(EtcdError.classify(9, "etcdserver: authentication is not enabled"))
			.isEqualTo(EtcdError.AUTH_NOT_ENABLED);
	}

	@Test
	void classifyShouldIgnoreCaseWhateverTheDefaultLocale() {
		Locale previous = Locale.getDefault();
		// in Turkish, "I".toLowerCase() is a dotless ı: "INVALID" would not match
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			assertThat(EtcdError.classify(EtcdError.NO_CODE, "ETCDSERVER: INVALID AUTH TOKEN"))
				.isEqualTo(EtcdError.INVALID_AUTH_TOKEN);
			assertThat(EtcdError.classify(EtcdError.NO_CODE, "EtcdServer: Permission Denied"))
				.isEqualTo(EtcdError.PERMISSION_DENIED);
			assertThat(EtcdError.classify(EtcdError.NO_CODE, "ETCDSERVER: REQUESTED LEASE NOT FOUND"))
				.isEqualTo(EtcdError.LEASE_NOT_FOUND);
		}
		finally {
			Locale.setDefault(previous);
		}
	}

	@Test
	void serverExceptionShouldCarryTheKindOfItsCodeAndMessage() {
		assertThat(new EtcdServerException("refused", 16, "etcdserver: invalid auth token", null).getError())
			.isEqualTo(EtcdError.INVALID_AUTH_TOKEN);
		assertThat(new EtcdAuthenticationException("refused", 3, "etcdserver: user name is empty", null).getError())
			.isEqualTo(EtcdError.USER_NAME_EMPTY);
		assertThat(new EtcdServerException("refused", EtcdError.NO_CODE, "404 page not found", null).getError())
			.isEqualTo(EtcdError.UNKNOWN);
	}

}
