package dev.etcdspring.boot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import dev.etcdspring.boot.autoconfigure.health.EtcdHealthContributorAutoConfiguration;
import dev.etcdspring.boot.health.EtcdHealthIndicator;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code etcd.username} and {@code etcd.password} against an etcd with
 * authentication enabled and simple tokens that expire after 2 s of disuse.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdAuthenticationIntegrationTests {

	private static final String ROOT_PASSWORD = "root-" + UUID.randomUUID();

	private static final String USERNAME = "svc-etcd-app";

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

	/** etcd's simple tokens: 16 letters, a dot, a sequence number. */
	private static final Pattern SIMPLE_TOKEN = Pattern.compile("\\b[a-zA-Z]{16}\\.\\d+\\b");

	private static final Duration TOKEN_TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--auth-token=simple",
			"--auth-token-ttl=" + TOKEN_TTL.toSeconds());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class));

	@BeforeAll
	static void enableAuthentication() {
		etcdctl("role", "add", "root");
		etcdctl("user", "add", "root", "--new-user-password=" + ROOT_PASSWORD);
		etcdctl("user", "grant-role", "root", "root");
		etcdctl("role", "add", "app");
		etcdctl("role", "grant-permission", "app", "--prefix=true", "readwrite", "/app/");
		etcdctl("user", "add", USERNAME, "--new-user-password=" + PASSWORD);
		etcdctl("user", "grant-role", USERNAME, "app");
		etcdctl("auth", "enable");
	}

	@Test
	void applicationWithCredentialsShouldKeepWorkingAndNeverRevealThem(CapturedOutput output) throws Exception {
		List<String> revealing = new ArrayList<>();
		try (ConfigurableApplicationContext context = webApplication().run()) {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			List<String> received = new CopyOnWriteArrayList<>();
			List<String> written = new ArrayList<>();
			try (Watch watch = template.watch("/app/counter",
					(event) -> received.add(template.deserialize(event.kv().value(), String.class)))) {
				long start = System.nanoTime();
				int idlePauses = 0;
				for (int i = 0; Duration.ofNanos(System.nanoTime() - start)
					.compareTo(Duration.ofSeconds(10)) < 0; i++) {
					String value = "value-" + i;
					template.put("/app/counter", value);
					written.add(value);
					assertThat(template.get("/app/counter")).contains(value);
					if (i % 20 == 19 && idlePauses < 2) {
						// the fault injected, not synchronisation: idle time, so that the
						// token expires and the next request must authenticate again
						Thread.sleep(TOKEN_TTL.toMillis() + 1000);
						idlePauses++;
					}
					else {
						// pacing, not synchronisation: spread the writes over the token's
						// lifetime
						Thread.sleep(50);
					}
				}
				assertThat(idlePauses).isEqualTo(2);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).isEqualTo(written));
			}
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			JsonNode health = JsonMapper.shared().readTree(get(port, "/actuator/health"));
			JsonNode etcdHealth = health.path("components").path("etcd");
			assertThat(etcdHealth.path("status").asString()).isEqualTo("UP");
			assertThat(etcdHealth.path("details").path("members").asInt()).isEqualTo(1);
			Map<String, String> actuator = new LinkedHashMap<>();
			actuator.put("health", health.toString());
			for (String path : List.of("/actuator/configprops", "/actuator/configprops/etcd", "/actuator/env",
					"/actuator/env/etcd.password")) {
				actuator.put(path, get(port, path));
			}
			// values are shown (show-values=always), so hiding the password is deliberate
			assertThat(actuator.get("/actuator/configprops")).contains(USERNAME);
			assertThat(actuator.get("/actuator/env")).contains(USERNAME).contains("etcd.password");
			actuator.forEach((path, body) -> collectRevealing(path, body, revealing));
			collectRevealing("EtcdProperties.toString()", context.getBean(EtcdProperties.class).toString(), revealing);
			collectRevealing("EtcdConnectionDetails.toString()",
					context.getBean(EtcdConnectionDetails.class).toString(), revealing);
			collectRevealing("EtcdClient.toString()", context.getBean(EtcdClient.class).toString(), revealing);
		}
		// once at startup, then after each idle pause: the expired token was replaced
		String authenticating = "Authenticating to etcd as user '" + USERNAME + "'";
		assertThat(output.getAll().split(Pattern.quote(authenticating), -1)).hasSizeGreaterThanOrEqualTo(4);
		collectRevealing("output", output.getAll(), revealing);
		assertThat(revealing).isEmpty();
	}

	@Test
	void simpleTokenPatternShouldMatchARealToken() throws Exception {
		// the test above could not fail if the pattern did not match etcd's tokens
		HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v3/auth/authenticate"))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"" + USERNAME + "\",\"password\":\"" + PASSWORD + "\"}"))
			.build();
		String answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		String token = JsonMapper.shared().readTree(answer).path("token").asString();
		assertThat(token).matches(SIMPLE_TOKEN);
	}

	@Test
	void startupWhenPasswordIsWrongShouldFailWithClearMessage(CapturedOutput output) {
		Throwable failure = catchThrowable(
				() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
					.properties("etcd.endpoints=" + etcd.endpoint(), "etcd.username=" + USERNAME,
							"etcd.password=" + WRONG_PASSWORD, "logging.level.root=debug")
					.run()
					.close());
		assertThat(failure).isNotNull();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("etcd rejected the client's credentials")
			.contains("authentication failed, invalid user ID or password")
			.contains("Check etcd.username and etcd.password");
		List<String> revealing = new ArrayList<>();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			collectRevealing(current.getClass().getName(), String.valueOf(current.getMessage()), revealing);
		}
		collectRevealing("output", output.getAll(), revealing);
		assertThat(revealing).isEmpty();
	}

	@Test
	void startupWhenUserIsUnknownShouldFailNamingTheProperties() {
		this.contextRunner
			.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.username=nobody",
					"etcd.password=" + WRONG_PASSWORD)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("etcd rejected the client's credentials")
					.doesNotContain(WRONG_PASSWORD);
				assertThat(analysis.getAction()).contains("etcd.username").contains("etcd.password");
			});
	}

	@Test
	void startupWhenEtcdIsUnreachableShouldNotFailOnCredentials(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:1", "etcd.username=" + USERNAME,
					"etcd.password=" + PASSWORD, "etcd.request-timeout=1s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(EtcdClient.class));
		assertThat(output).contains("Could not check the etcd credentials at startup").doesNotContain(PASSWORD);
	}

	@Test
	void requestWithoutCredentialsShouldBeExplainedByTheFailureAnalyzer() {
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint()).run((context) -> {
			EtcdAuthenticationException failure = catchThrowableOfType(EtcdAuthenticationException.class,
					() -> context.getBean(EtcdTemplate.class).get("/app/counter"));
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("etcd requires authentication");
			assertThat(analysis.getAction()).isEqualTo("Set etcd.username and etcd.password.");
		});
	}

	@Test
	void requestOutsideTheUsersPermissionsShouldBeExplainedByTheFailureAnalyzer() {
		this.contextRunner
			.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.username=" + USERNAME,
					"etcd.password=" + PASSWORD)
			.run((context) -> {
				EtcdPermissionDeniedException failure = catchThrowableOfType(EtcdPermissionDeniedException.class,
						() -> context.getBean(EtcdTemplate.class).put("/other/key", "x"));
				FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("The etcd user lacks a permission");
				assertThat(analysis.getAction()).contains("etcdctl role grant-permission");
			});
	}

	@Test
	void healthWithoutCredentialsShouldBeDownAndTheClientShouldWarnOnce(CapturedOutput output) {
		healthContextRunner().withPropertyValues("etcd.endpoints=" + etcd.endpoint()).run((context) -> {
			EtcdHealthIndicator indicator = context.getBean(EtcdHealthIndicator.class);
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			for (int i = 0; i < 5; i++) {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("authentication"))
					.contains("etcd requires authentication, but this client has no credentials")
					.contains("etcd.username")
					.contains("etcd.password");
				assertThat(health.getDetails()).containsEntry("endpoint", etcd.endpoint());
			}
			for (int i = 0; i < 10; i++) {
				assertThat(catchThrowableOfType(EtcdAuthenticationException.class, () -> template.get("/app/counter")))
					.hasMessageContaining("etcd.username");
			}
		});
		String warning = "requires authentication, but this client has no credentials: every request";
		assertThat(output.getAll().lines().filter((line) -> line.contains(warning)))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("WARN")
			.contains("etcd.username");
	}

	@Test
	void healthWhenTheUserMayNotReadTheHealthKeyShouldBeUp() {
		healthContextRunner()
			.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.username=" + USERNAME,
					"etcd.password=" + PASSWORD)
			.run((context) -> {
				// the read of the health check is denied: the credentials work all the
				// same
				EtcdClient client = context.getBean(EtcdClient.class);
				assertThat(catchThrowableOfType(EtcdPermissionDeniedException.class,
						() -> client.kv().range(RangeQuery.key("/etcd-spring/health").countOnly().serializable())))
					.hasMessageContaining("permission denied");
				Health health = context.getBean(EtcdHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).doesNotContainKey("authentication");
			});
	}

	private ApplicationContextRunner healthContextRunner() {
		return this.contextRunner.withConfiguration(AutoConfigurations.of(EtcdHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class));
	}

	private static SpringApplicationBuilder webApplication() {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "etcd.endpoints=" + etcd.endpoint(), "etcd.username=" + USERNAME,
					"etcd.password=" + PASSWORD, "etcd.request-timeout=5s",
					"management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"logging.level.root=debug", "logging.level.dev.etcdspring=trace");
	}

	private static void collectRevealing(String where, String text, List<String> revealing) {
		text.lines().filter(EtcdAuthenticationIntegrationTests::isRevealing).distinct().limit(5).forEach((line) -> {
			revealing.add(where + ": " + line.substring(0, Math.min(line.length(), 300)));
		});
	}

	private static boolean isRevealing(String text) {
		return text.contains(PASSWORD) || text.contains(ROOT_PASSWORD) || text.contains(WRONG_PASSWORD)
				|| SIMPLE_TOKEN.matcher(text).find();
	}

	private static String get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static void etcdctl(String... args) {
		// every call comes before "auth enable": none needs the root password
		EtcdctlResult result = etcd.etcdctl(args);
		assertThat(result.isSuccess()).as("etcdctl %s %s: %s", args[0], args[1], result.stderr()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
