package dev.etcdspring.boot.autoconfigure.testcontainers;

import java.util.List;

import dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsNotFoundException;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EtcdContainerConnectionDetailsFactory} that need no container runtime:
 * they run Boot's own {@code @ServiceConnection} field processing on containers that are
 * never started.
 */
class EtcdContainerConnectionDetailsFactoryTests {

	private static final String BOOT_FACTORY = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionContextCustomizerFactory";

	@AfterEach
	void clearFields() {
		Annotated.container = null;
		Named.container = null;
	}

	@Test
	void factoryShouldBeRegisteredForBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(EtcdContainerConnectionDetailsFactory.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gcr.io/etcd-development/etcd:v3.6.4", "quay.io/coreos/etcd:v3.5.17", "bitnami/etcd:3.5",
			"docker.io/bitnami/etcd:latest", "localhost/etcd:3.4.23", "etcd", "registry.example.com:5000/etcd:3.5.0" })
	void serviceConnectionWhenImageIsEtcdShouldSupplyEtcdConnectionDetails(String image) {
		Annotated.container = new NeverStarted(image);
		assertThat(registeredConnectionDetails(Annotated.class)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis:7", "bitnami/redis:7", "example.org/etcd-proxy:1", "quay.io/coreos/etcd-operator" })
	void serviceConnectionWhenImageIsNotEtcdShouldFailAsBootDoes(String image) {
		Annotated.container = new NeverStarted(image);
		assertThatExceptionOfType(ConnectionDetailsNotFoundException.class)
			.isThrownBy(() -> registeredConnectionDetails(Annotated.class));
	}

	@Test
	void serviceConnectionWhenNamedEtcdShouldAcceptAnyImage() {
		Named.container = new NeverStarted("example.org/team/kv-store:2");
		assertThat(registeredConnectionDetails(Named.class)).hasSize(1);
	}

	private String[] registeredConnectionDetails(Class<?> testClass) {
		ContextCustomizerFactory bootFactory = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ContextCustomizerFactory.class)
			.stream()
			.filter((candidate) -> candidate.getClass().getName().equals(BOOT_FACTORY))
			.findFirst()
			.orElseThrow();
		ContextCustomizer customizer = bootFactory.createContextCustomizer(testClass, List.of());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer.customizeContext(context,
					new MergedContextConfiguration(testClass, null, new Class<?>[0], null, null));
			return context.getBeanFactory().getBeanNamesForType(EtcdConnectionDetails.class);
		}
	}

	static class Annotated {

		@ServiceConnection
		static @Nullable GenericContainer<?> container;

	}

	static class Named {

		@ServiceConnection(name = "etcd")
		static @Nullable GenericContainer<?> container;

	}

	/**
	 * A container whose image name is known without asking a container runtime.
	 */
	static class NeverStarted extends GenericContainer<NeverStarted> {

		private final String image;

		NeverStarted(String image) {
			super(DockerImageName.parse(image));
			this.image = image;
		}

		@Override
		public String getDockerImageName() {
			return this.image;
		}

	}

}
