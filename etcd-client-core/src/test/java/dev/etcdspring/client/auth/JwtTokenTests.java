package dev.etcdspring.client.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authentication with etcd's JWT tokens, which carry the revision of the auth store they
 * were issued at: after any change of users, roles or permissions, etcd refuses them with
 * "revision of auth store is old" (code 3), and the client must log in again rather than
 * fail every request until it is restarted.
 */
class JwtTokenTests {

	private static final String PASSWORD = "s3cr3t-Pa55word";

	private static final Path keys = createKeys();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--auth-token=jwt,pub-key=" + keys.resolve("jwt.pub")
			+ ",priv-key=" + keys.resolve("jwt.key") + ",sign-method=RS256,ttl=10m");

	@BeforeAll
	static void enableAuth() {
		run("user", "add", "root:" + PASSWORD);
		run("user", "add", "app:" + PASSWORD);
		run("role", "add", "app-role");
		run("role", "grant-permission", "app-role", "--prefix=true", "readwrite", "/app/");
		run("user", "grant-role", "app", "app-role");
		run("auth", "enable");
	}

	@AfterAll
	static void deleteKeys() throws IOException {
		FileSystemUtils.deleteRecursively(keys);
	}

	@Test
	void clientShouldLogInAgainWhenAnAuthChangeMakesItsTokenOld() {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<WatchEvent> events = new CopyOnWriteArrayList<>();
			template.put("/app/before", "1");
			// any change of the auth store makes every token issued before it old
			run("--user=root:" + PASSWORD, "user", "add", "someone-else:" + PASSWORD);
			run("--user=root:" + PASSWORD, "role", "add", "another-role");
			template.put("/app/after", "2");
			assertThat(template.get("/app/after")).contains("2");
			// a watch opened with the old token is refused too, and retried with a new
			// one
			run("--user=root:" + PASSWORD, "role", "add", "a-third-role");
			try (Watch watch = template.watch("/app/watched").subscribe(events::add)) {
				template.put("/app/watched", "3");
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(events).extracting((event) -> event.kv().valueAsString())
						.containsExactly("3"));
			}
		}
	}

	private static void run(String... args) {
		EtcdctlResult result = etcd.etcdctl(args);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
	}

	private static Path createKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Path directory = Files.createTempDirectory("etcd-jwt-keys");
			Files.writeString(directory.resolve("jwt.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			Files.writeString(directory.resolve("jwt.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

}
