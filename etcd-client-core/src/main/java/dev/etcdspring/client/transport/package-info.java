/**
 * How the client speaks HTTP: {@link dev.etcdspring.client.transport.EtcdTransport}
 * chooses the built-in client or Spring's {@code RestClient}, and
 * {@link dev.etcdspring.client.transport.TlsOptions} restricts TLS versions and cipher
 * suites. The HTTP code itself is internal.
 */
@NullMarked
package dev.etcdspring.client.transport;

import org.jspecify.annotations.NullMarked;
