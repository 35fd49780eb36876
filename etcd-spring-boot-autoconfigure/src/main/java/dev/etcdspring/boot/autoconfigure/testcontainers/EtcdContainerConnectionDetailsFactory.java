package dev.etcdspring.boot.autoconfigure.testcontainers;

import java.util.List;

import dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link EtcdConnectionDetails}
 * from a {@link ServiceConnection @ServiceConnection}-annotated etcd {@link Container}.
 * <p>
 * Boot matches a container by its {@code @ServiceConnection(name = ...)} or else by the
 * repository part of its image name, so {@code gcr.io/etcd-development/etcd},
 * {@code quay.io/coreos/etcd}, {@code bitnami/etcd} and a local {@code etcd} image (such
 * as {@code localhost/etcd}) are all recognised. A container declared as a {@code @Bean}
 * has no image name for Boot to match: name it with
 * {@code @ServiceConnection(name = "etcd")}. The container must serve clients on port
 * 2379; with Bitnami's {@code ETCD_ROOT_PASSWORD} set, the client authenticates as
 * {@code root}.
 */
class EtcdContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, EtcdConnectionDetails> {

	/**
	 * Connection names of etcd containers: the repositories of the official images and of
	 * a local image named {@code etcd}.
	 */
	static final List<String> CONNECTION_NAMES = List.of("etcd", "etcd-development/etcd", "coreos/etcd",
			"bitnami/etcd");

	/** etcd's client port, the one the images expose. */
	static final int CLIENT_PORT = 2379;

	EtcdContainerConnectionDetailsFactory() {
		// without the client there is nothing to connect
		super(CONNECTION_NAMES, "dev.etcdspring.client.EtcdClient");
	}

	@Override
	protected EtcdConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new EtcdContainerConnectionDetails(source);
	}

	/**
	 * {@link EtcdConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	static final class EtcdContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements EtcdConnectionDetails {

		/**
		 * Bitnami's image enables authentication for user {@code root} when this is set.
		 */
		private static final String BITNAMI_ROOT_PASSWORD = "ETCD_ROOT_PASSWORD";

		private EtcdContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public List<String> getEndpoints() {
			Container<?> container = getContainer();
			String scheme = (getSslBundle() != null) ? "https" : "http";
			return List.of(scheme + "://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT));
		}

		@Override
		public @Nullable String getUsername() {
			return (getPassword() != null) ? "root" : null;
		}

		@Override
		public @Nullable String getPassword() {
			return getContainer().getEnvMap().get(BITNAMI_ROOT_PASSWORD);
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
