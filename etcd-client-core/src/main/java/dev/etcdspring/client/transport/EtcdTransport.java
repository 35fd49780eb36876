package dev.etcdspring.client.transport;

/**
 * How the client speaks HTTP to etcd's gateway: the {@link #builtIn() built-in} HTTP/1.1
 * client (the default, chosen for its speed: see BENCHMARKS.md), or Spring's
 * {@code RestClient} ({@link RestClientTransport}), for proxies, HTTP/2 over TLS, and the
 * HTTP stack and instrumentation an application already has. Both pass the same tests
 * against etcd. Set it with
 * {@link dev.etcdspring.client.EtcdClientBuilder#transport(EtcdTransport)}.
 *
 * @since 0.1.0
 */
public sealed interface EtcdTransport permits EtcdTransport.BuiltIn, RestClientTransport {

	/**
	 * Return the built-in HTTP/1.1 client.
	 * @return the built-in transport
	 */
	static EtcdTransport builtIn() {
		return BuiltIn.INSTANCE;
	}

	/**
	 * The built-in client: one write per request, answers parsed in place.
	 */
	enum BuiltIn implements EtcdTransport {

		INSTANCE;

		@Override
		public String toString() {
			return "built-in";
		}

	}

}
