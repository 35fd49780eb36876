package dev.etcdspring.boot.autoconfigure.docker.compose;

import java.util.List;

import dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

/**
 * {@link DockerComposeConnectionDetailsFactory} that creates
 * {@link EtcdConnectionDetails} for an etcd service of a Docker Compose file.
 * <p>
 * A service is recognised by its image ({@code gcr.io/etcd-development/etcd},
 * {@code quay.io/coreos/etcd}, {@code bitnami/etcd}, or an image named {@code etcd} in
 * any other registry, such as {@code localhost/etcd}), or by the label
 * {@code org.springframework.boot.service-connection: etcd}. It must publish port 2379.
 */
class EtcdDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<EtcdConnectionDetails> {

	/**
	 * Names matched against the image name without its registry. {@code localhost/etcd}
	 * stands for {@code etcd} in a registry other than Docker Hub.
	 */
	static final String[] CONNECTION_NAMES = { "etcd", "localhost/etcd", "etcd-development/etcd", "coreos/etcd",
			"bitnami/etcd" };

	/** etcd's client port, the one the images expose. */
	static final int CLIENT_PORT = 2379;

	EtcdDockerComposeConnectionDetailsFactory() {
		// without the client there is nothing to connect
		super(CONNECTION_NAMES, "dev.etcdspring.client.EtcdClient");
	}

	@Override
	protected EtcdConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new EtcdDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link EtcdConnectionDetails} backed by an etcd {@link RunningService}.
	 */
	static final class EtcdDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements EtcdConnectionDetails {

		/**
		 * Bitnami's image enables authentication for user {@code root} when this is set.
		 */
		private static final String BITNAMI_ROOT_PASSWORD = "ETCD_ROOT_PASSWORD";

		private final List<String> endpoints;

		private final @Nullable String password;

		private final @Nullable SslBundle sslBundle;

		EtcdDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.sslBundle = getSslBundle(service);
			String scheme = (this.sslBundle != null) ? "https" : "http";
			this.endpoints = List.of(scheme + "://" + service.host() + ":" + service.ports().get(CLIENT_PORT));
			this.password = service.env().get(BITNAMI_ROOT_PASSWORD);
		}

		@Override
		public List<String> getEndpoints() {
			return this.endpoints;
		}

		@Override
		public @Nullable String getUsername() {
			return (this.password != null) ? "root" : null;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

	}

}
