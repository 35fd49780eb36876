package dev.etcdspring.boot.autoconfigure.docker.compose;

import java.util.List;
import java.util.Map;

import dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EtcdDockerComposeConnectionDetailsFactory}, through Boot's
 * {@link ConnectionDetailsFactories} as Boot's Docker Compose support uses it.
 */
class EtcdDockerComposeConnectionDetailsFactoryTests {

	private final ConnectionDetailsFactories factories = new ConnectionDetailsFactories(null);

	@Test
	void factoryShouldBeRegisteredForBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(EtcdDockerComposeConnectionDetailsFactory.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gcr.io/etcd-development/etcd:v3.6.4", "quay.io/coreos/etcd:v3.5.17", "bitnami/etcd:3.5",
			"docker.io/bitnami/etcd:latest", "localhost/etcd:3.4.23", "registry.example.com:5000/etcd:3.5.0" })
	void serviceWhenImageIsEtcdShouldSupplyTheMappedEndpoint(String image) {
		EtcdConnectionDetails details = connectionDetails(new Service(image, Map.of(), Map.of()));
		assertThat(details).isNotNull();
		assertThat(details.getEndpoints()).containsExactly("http://192.168.0.7:32790");
		assertThat(details.getUsername()).isNull();
		assertThat(details.getPassword()).isNull();
		assertThat(details.getSslBundle()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis:7", "bitnami/redis:7", "example.org/etcd-proxy:1", "quay.io/coreos/etcd-operator" })
	void serviceWhenImageIsNotEtcdShouldBeIgnored(String image) {
		assertThat(connectionDetails(new Service(image, Map.of(), Map.of()))).isNull();
	}

	@Test
	void serviceWhenLabelledEtcdShouldBeAcceptedWhateverItsImage() {
		Service service = new Service("example.org/team/kv-store:2", Map.of(),
				Map.of("org.springframework.boot.service-connection", "etcd"));
		assertThat(connectionDetails(service)).isNotNull();
	}

	@Test
	void serviceWhenBitnamiRootPasswordIsSetShouldAuthenticateAsRoot() {
		Service service = new Service("bitnami/etcd:3.5", Map.of("ETCD_ROOT_PASSWORD", "s3cret"), Map.of());
		EtcdConnectionDetails details = connectionDetails(service);
		assertThat(details).isNotNull();
		assertThat(details.getUsername()).isEqualTo("root");
		assertThat(details.getPassword()).isEqualTo("s3cret");
	}

	private EtcdConnectionDetails connectionDetails(RunningService service) {
		DockerComposeConnectionSource source = mock(DockerComposeConnectionSource.class);
		given(source.getRunningService()).willReturn(service);
		Map<Class<?>, ConnectionDetails> details = this.factories.getConnectionDetails(source, false);
		return (EtcdConnectionDetails) details.get(EtcdConnectionDetails.class);
	}

	/**
	 * A running service of a Compose file, publishing 2379 as 32790.
	 */
	record Service(String imageName, Map<String, String> env, Map<String, String> labels) implements RunningService {

		@Override
		public String name() {
			return "etcd";
		}

		@Override
		public ImageReference image() {
			return ImageReference.of(this.imageName);
		}

		@Override
		public String host() {
			return "192.168.0.7";
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {

				@Override
				public int get(int containerPort) {
					if (containerPort != 2379) {
						throw new IllegalStateException("No host port for " + containerPort);
					}
					return 32790;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(32790);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return List.of(32790);
				}

			};
		}

	}

}
