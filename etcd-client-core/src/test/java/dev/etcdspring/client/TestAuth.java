package dev.etcdspring.client;

import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth on a test's etcd, set up with etcdctl (not with the client under test): a
 * {@code root} user, and an {@code app} user who may read and write under {@code /app/}
 * only, both with the given password.
 */
public final class TestAuth {

	/** The prefix the {@code app} user may read and write. */
	public static final String APP_PREFIX = "/app/";

	private TestAuth() {
	}

	/**
	 * Create the users and the role, then enable auth.
	 * @param etcd the test's etcd
	 * @param password the password of both users
	 */
	public static void enable(EtcdServerExtension etcd, String password) {
		run(etcd, "user", "add", "root:" + password);
		run(etcd, "user", "add", "app:" + password);
		run(etcd, "role", "add", "app-role");
		run(etcd, "role", "grant-permission", "app-role", "--prefix=true", "readwrite", APP_PREFIX);
		run(etcd, "user", "grant-role", "app", "app-role");
		run(etcd, "auth", "enable");
	}

	private static void run(EtcdServerExtension etcd, String... args) {
		EtcdctlResult result = etcd.etcdctl(args);
		assertThat(result.exitCode()).as("etcdctl %s: %s", String.join(" ", args), result.stderr()).isZero();
	}

}
