/**
 * How the client speaks HTTP: {@link dev.etcdspring.client.transport.EtcdTransport}
 * chooses the built-in client or Spring's {@code RestClient},
 * {@link dev.etcdspring.client.transport.TlsOptions} restricts TLS versions and cipher
 * suites, and {@link dev.etcdspring.client.transport.ReadBalancing} spreads serializable
 * reads over the members. The HTTP code itself is internal.
 */
@NullMarked
package dev.etcdspring.client.transport;

import org.jspecify.annotations.NullMarked;
