package dev.etcdspring.boot.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientBuilder;
import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.internal.watch.WatchSettings;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.transport.ReadBalancing;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchMetrics;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdAutoConfiguration}.
 */
class EtcdAutoConfigurationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class));

	@Test
	void clientAndTemplateWhenNothingIsConfiguredShouldUseDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EtcdClient.class).hasSingleBean(EtcdTemplate.class);
			assertThat(context.getBean(EtcdClient.class).endpoints()).containsExactly("http://127.0.0.1:2379");
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			assertThat(template.getClient()).isSameAs(context.getBean(EtcdClient.class));
			assertThat(template.getNamespace()).isEmpty();
			EtcdProperties properties = context.getBean(EtcdProperties.class);
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void autoConfigurationWhenClientIsNotOnClasspathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EtcdClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdClient.class)
				.doesNotHaveBean(EtcdTemplate.class)
				.doesNotHaveBean(EtcdProperties.class));
	}

	@Test
	void clientWhenEndpointsAreSetShouldUseThem() {
		this.contextRunner.withPropertyValues("etcd.endpoints=http://10.0.0.1:2379, http://10.0.0.2:2380/")
			.run((context) -> assertThat(context.getBean(EtcdClient.class).endpoints())
				.containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2380"));
	}

	@Test
	void clientWhenAnEndpointHasNoPortShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("etcd.endpoints=http://10.0.0.1:2379, http://10.0.0.2").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("The etcd client could not be created: Invalid etcd "
					+ "endpoint 'http://10.0.0.2': it has no port; etcd serves clients on port 2379 unless told "
					+ "otherwise, e.g. http://10.0.0.2:2379 (property etcd.endpoints)");
		});
	}

	@Test
	void templateWhenNamespaceIsSetShouldUseIt() {
		this.contextRunner.withPropertyValues("etcd.namespace=/myapp/")
			.run((context) -> assertThat(context.getBean(EtcdTemplate.class).getNamespace()).isEqualTo("/myapp/"));
	}

	@Test
	void timeoutsWhenSetShouldBeBound() {
		this.contextRunner.withPropertyValues("etcd.connect-timeout=750ms", "etcd.request-timeout=3s")
			.run((context) -> {
				EtcdProperties properties = context.getBean(EtcdProperties.class);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void requestTimeoutWhenSetShouldBoundHowLongACallWaits() throws Exception {
		// a socket that accepts connections (the kernel does) but never answers
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.contextRunner
				.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + silent.getLocalPort(),
						"etcd.request-timeout=500ms")
				.run((context) -> {
					EtcdTemplate template = context.getBean(EtcdTemplate.class);
					long start = System.nanoTime();
					assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> template.get("/any"));
					// the default request timeout is 10s
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
				});
		}
	}

	@Test
	void maxAnswerSizeWhenNotSetShouldMatchTheClientDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(EtcdProperties.class).getMaxAnswerSize().toBytes())
				.isEqualTo(EtcdClientBuilder.DEFAULT_MAX_ANSWER_BYTES));
	}

	@Test
	void maxAnswerSizeWhenSetShouldRefuseLargerAnswers() throws Exception {
		// a member that answers every request with 2 KB
		String answer = "HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n" + " ".repeat(2048);
		try (ServerSocket member = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> {
				while (!member.isClosed()) {
					try (java.net.Socket socket = member.accept()) {
						socket.getInputStream().read(new byte[4096]);
						socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
						socket.getInputStream().read();
					}
					catch (java.io.IOException ex) {
						// the client closed the connection, or the test ended
					}
				}
			});
			server.setDaemon(true);
			server.start();
			this.contextRunner
				.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + member.getLocalPort(),
						"etcd.max-answer-size=1KB")
				.run((context) -> assertThatExceptionOfType(EtcdAnswerTooLargeException.class)
					.isThrownBy(() -> context.getBean(EtcdTemplate.class).get("/any"))
					.withMessageContaining("its limit is 1024 bytes")
					.withMessageContaining("etcd.max-answer-size"));
		}
	}

	@Test
	void clientWhenMaxAnswerSizeIsNotPositiveShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.max-answer-size=0B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxAnswerBytes must be positive");
		});
	}

	@Test
	void clientWhenConnectTimeoutIsNotPositiveShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.connect-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("connectTimeout must be positive");
		});
	}

	@Test
	void clientWhenRequestTimeoutIsNotPositiveShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.request-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("requestTimeout must be positive");
		});
	}

	@Test
	void clientWhenEndpointIsInvalidShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.endpoints=foo").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Invalid etcd endpoint 'foo'");
		});
	}

	@Test
	void clientWhenEndpointsAreEmptyShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.endpoints=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("At least one etcd endpoint is required");
		});
	}

	@Test
	void clientWhenUserDefinesOneShouldBackOff() {
		EtcdClient userClient = EtcdClient.create("http://127.0.0.1:23790");
		this.contextRunner.withBean(EtcdClient.class, () -> userClient).run((context) -> {
			assertThat(context).hasSingleBean(EtcdClient.class);
			assertThat(context.getBean(EtcdClient.class)).isSameAs(userClient);
			assertThat(context.getBean(EtcdTemplate.class).getClient()).isSameAs(userClient);
		});
	}

	@Test
	void templateWhenUserDefinesOneShouldBackOff() {
		this.contextRunner
			.withBean("userTemplate", EtcdTemplate.class,
					() -> new EtcdTemplate(EtcdClient.create("http://127.0.0.1:23790"), EtcdSerializer.string(), "/u/"))
			.run((context) -> {
				assertThat(context).hasSingleBean(EtcdTemplate.class);
				assertThat(context.getBean(EtcdTemplate.class).getNamespace()).isEqualTo("/u/");
				assertThat(context).hasBean("userTemplate");
			});
	}

	@Test
	void templateWhenSeveralClientsExistShouldBackOff() {
		this.contextRunner.withBean("one", EtcdClient.class, () -> EtcdClient.create("http://127.0.0.1:23790"))
			.withBean("two", EtcdClient.class, () -> EtcdClient.create("http://127.0.0.1:23791"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EtcdTemplate.class));
	}

	@Test
	void templateWhenApplicationHasJsonMapperShouldUseIt() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		this.contextRunner.withBean(JsonMapper.class, () -> snakeCase).run((context) -> {
			byte[] json = context.getBean(EtcdTemplate.class).getSerializer().serialize(new Flag("x", true));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"flag_name\":\"x\",\"enabled\":true}");
		});
	}

	@Test
	void templateWhenApplicationHasNoJsonMapperShouldWriteJson() {
		this.contextRunner.run((context) -> {
			byte[] json = context.getBean(EtcdTemplate.class).getSerializer().serialize(new Flag("x", true));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"flagName\":\"x\",\"enabled\":true}");
		});
	}

	@Test
	void templateWhenEtcdRunsShouldPutAndGetUnderNamespace() {
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.namespace=/it/")
			.run((context) -> {
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				template.put("greeting", "hello");
				template.put("flag", new Flag("x", true));
				assertThat(template.get("greeting")).contains("hello");
				assertThat(template.get("flag", Flag.class)).contains(new Flag("x", true));
				EtcdctlResult stored = etcd.etcdctl("get", "/it/greeting", "--print-value-only");
				assertThat(stored.exitCode()).isZero();
				assertThat(stored.stdout().strip()).isEqualTo("hello");
				assertThat(template.delete("greeting")).isTrue();
				assertThat(template.delete("flag")).isTrue();
				assertThat(etcd.etcdctl("get", "--prefix", "/it/", "--keys-only").stdout()).isBlank();
			});
	}

	@Test
	void connectionDetailsWhenNothingIsConfiguredShouldComeFromProperties() {
		this.contextRunner
			// nothing listens on port 1: the credentials check at startup fails fast
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:1", "etcd.username=app", "etcd.password=secret",
					"etcd.request-timeout=500ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(PropertiesEtcdConnectionDetails.class);
				EtcdConnectionDetails details = context.getBean(EtcdConnectionDetails.class);
				assertThat(details.getEndpoints()).containsExactly("http://127.0.0.1:1");
				assertThat(details.getUsername()).isEqualTo("app");
				assertThat(details.getPassword()).isEqualTo("secret");
				assertThat(details.getSslBundle()).isNull();
			});
	}

	@Test
	void connectionDetailsWhenUserDefinesOneShouldBackOffAndClientShouldUseIt() {
		EtcdConnectionDetails details = () -> List.of(etcd.endpoint());
		this.contextRunner.withPropertyValues("etcd.endpoints=http://127.0.0.1:1")
			.withBean(EtcdConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(context).hasSingleBean(EtcdConnectionDetails.class)
					.doesNotHaveBean(PropertiesEtcdConnectionDetails.class);
				assertThat(context.getBean(EtcdClient.class).endpoints()).containsExactly(etcd.endpoint());
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				template.put("/details/greeting", "hello");
				assertThat(template.get("/details/greeting")).contains("hello");
				assertThat(template.delete("/details/greeting")).isTrue();
			});
	}

	@Test
	void customizersShouldBeAppliedInOrderAfterTheProperties() {
		List<String> applied = new ArrayList<>();
		this.contextRunner.withPropertyValues("etcd.endpoints=http://127.0.0.2:2379")
			.withBean("second", EtcdClientCustomizer.class, () -> new OrderedCustomizer(2, (builder) -> {
				applied.add("second");
				builder.endpoints("http://127.0.0.3:2379");
			}))
			.withBean("first", EtcdClientCustomizer.class, () -> new OrderedCustomizer(1, (builder) -> {
				applied.add("first");
				builder.endpoints("http://127.0.0.4:2379");
			}))
			.run((context) -> {
				assertThat(applied).containsExactly("first", "second");
				assertThat(context.getBean(EtcdClient.class).endpoints()).containsExactly("http://127.0.0.3:2379");
			});
	}

	@Test
	void watchPropertiesWhenNotSetShouldMatchTheClientDefaults() {
		this.contextRunner.run((context) -> {
			EtcdProperties.Watch watch = context.getBean(EtcdProperties.class).getWatch();
			assertThat(watch.getProbeInterval()).isEqualTo(WatchSettings.DEFAULT_PROBE_INTERVAL);
			assertThat(watch.getQueueCapacity()).isEqualTo(WatchSettings.DEFAULT_QUEUE_CAPACITY);
		});
	}

	@Test
	void watchPropertiesWhenSetShouldBeBound() {
		this.contextRunner.withPropertyValues("etcd.watch.probe-interval=750ms", "etcd.watch.queue-capacity=42")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EtcdProperties.Watch watch = context.getBean(EtcdProperties.class).getWatch();
				assertThat(watch.getProbeInterval()).isEqualTo(Duration.ofMillis(750));
				assertThat(watch.getQueueCapacity()).isEqualTo(42);
			});
	}

	@Test
	void discoveryWhenEnabledShouldUseTheUrlsTheMembersAdvertise() {
		// configured by name, advertised by address: the change shows that discovery ran
		String configured = etcd.endpoint().replace("127.0.0.1", "localhost");
		this.contextRunner
			.withPropertyValues("etcd.endpoints=" + configured, "etcd.read-balancing=round-robin",
					"etcd.discovery.enabled=true", "etcd.discovery.interval=200ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EtcdProperties properties = context.getBean(EtcdProperties.class);
				assertThat(properties.getReadBalancing()).isEqualTo(ReadBalancing.ROUND_ROBIN);
				assertThat(properties.getDiscovery().getInterval()).isEqualTo(Duration.ofMillis(200));
				EtcdClient client = context.getBean(EtcdClient.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(client.endpoints()).containsExactly(etcd.endpoint()));
				assertThat(context.getBean(EtcdTemplate.class).list("/discovery/").serializable().keys()).isEmpty();
			});
	}

	@Test
	void discoveryWhenDisabledShouldKeepTheConfiguredEndpoints() {
		String configured = etcd.endpoint().replace("127.0.0.1", "localhost");
		this.contextRunner.withPropertyValues("etcd.endpoints=" + configured).run((context) -> {
			EtcdClient client = context.getBean(EtcdClient.class);
			assertThat(context.getBean(EtcdProperties.class).getDiscovery().isEnabled()).isFalse();
			assertThat(context.getBean(EtcdTemplate.class).get("/discovery/none")).isEmpty();
			assertThat(client.endpoints()).containsExactly(configured);
		});
	}

	@Test
	void clientWhenWatchQueueCapacityIsNotPositiveShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.watch.queue-capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("watchQueueCapacity must be positive");
		});
	}

	@Test
	void clientWhenWatchProbeIntervalIsNotPositiveShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.watch.probe-interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("watchProbeInterval must be positive");
		});
	}

	@Test
	void clientWhenUsernameHasNoPasswordShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues("etcd.username=app").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("etcd password must not be null");
		});
	}

	@Test
	void clientWhenSslBundleDoesNotExistShouldFailWithClearMessage() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("etcd.ssl.bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(NoSuchSslBundleException.class)
					.hasMessageContaining("'missing'");
			});
	}

	@Test
	void clientWhenObservationRegistryExistsShouldObserveRequests() {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint())
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				context.getBean(EtcdTemplate.class).get("/observed");
				assertThat(observed).anySatisfy((observation) -> {
					assertThat(observation.getName()).isEqualTo("etcd.client.requests");
					assertThat(observation.getLowCardinalityKeyValue("etcd.operation").getValue())
						.isEqualTo("kv.range");
					assertThat(observation.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("SUCCESS");
				});
			});
	}

	@Test
	void clientWhenWatchMetricsBeanExistsShouldReportToIt() {
		AtomicInteger events = new AtomicInteger();
		WatchMetrics metrics = new WatchMetrics() {

			@Override
			public void eventsReceived(int count) {
				events.addAndGet(count);
			}

		};
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint())
			.withBean(WatchMetrics.class, () -> metrics)
			.run((context) -> {
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				List<WatchEvent> received = new CopyOnWriteArrayList<>();
				try (Watch watch = template.watch("/metered", received::add)) {
					await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
						template.put("/metered", "x");
						assertThat(received).isNotEmpty();
					});
				}
				assertThat(events).hasPositiveValue();
				template.delete("/metered");
			});
	}

	@Test
	void clientWhenCredentialsAreSetButEtcdHasNoAuthenticationShouldFailWithClearMessage() {
		this.contextRunner
			.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.username=app", "etcd.password=secret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("authentication is not enabled")
					.isInstanceOfSatisfying(EtcdServerException.class,
							(failure) -> assertThat(failure.getError()).isEqualTo(EtcdError.AUTH_NOT_ENABLED));
				FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("etcd.username is set, but etcd has authentication disabled");
				assertThat(analysis.getAction()).startsWith("Remove etcd.username and etcd.password");
			});
	}

	@Test
	void toStringOfPropertiesAndConnectionDetailsShouldNotShowThePassword() {
		this.contextRunner.withPropertyValues("etcd.username=app", "etcd.password=s3cr3t-value").run((context) -> {
			assertThat(context.getBean(EtcdProperties.class).toString()).contains("username = 'app'")
				.contains("password = '******'")
				.doesNotContain("s3cr3t-value");
			assertThat(context.getBean(EtcdConnectionDetails.class).toString()).contains("username=app")
				.contains("password=******")
				.doesNotContain("s3cr3t-value");
		});
	}

	@Test
	void toStringOfPropertiesWithoutPasswordShouldNotPretendOne() {
		assertThat(new EtcdProperties().toString()).contains("password = [null]").contains("endpoints");
	}

	@Test
	void sanitizingFunctionShouldHideTheEtcdPasswordOnly() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("etcdPasswordSanitizingFunction", SanitizingFunction.class);
			for (String key : List.of("etcd.password", "ETCD_PASSWORD", "etcd.Password")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "s3cr3t")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			for (String key : List.of("etcd.username", "etcd.endpoints", "other.password.hint")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "visible")).getValue()).as(key)
					.isEqualTo("visible");
			}
		});
	}

	@Test
	void sanitizingFunctionWhenActuatorIsNotOnClasspathShouldNotBeCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdClient.class)
				.doesNotHaveBean("etcdPasswordSanitizingFunction"));
	}

	record OrderedCustomizer(int order, EtcdClientCustomizer delegate) implements EtcdClientCustomizer, Ordered {

		@Override
		public void customize(EtcdClientBuilder builder) {
			this.delegate.customize(builder);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	record Flag(String flagName, boolean enabled) {
	}

}
