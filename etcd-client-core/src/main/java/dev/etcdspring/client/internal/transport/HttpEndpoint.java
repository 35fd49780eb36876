package dev.etcdspring.client.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where one member's gateway listens, parsed once from its endpoint URL.
 *
 * @param url the endpoint as configured, for example {@code http://127.0.0.1:2379}
 * @param host the host name or address to connect to (IPv6 without brackets)
 * @param port the port
 * @param tls whether the endpoint is {@code https}
 * @param hostHeader the {@code Host} header line, ready to send
 */
record HttpEndpoint(String url, String host, int port, boolean tls, byte[] hostHeader) {

	/** etcd's client port, for a URL without one (the builder refuses those anyway). */
	static final int DEFAULT_PORT = 2379;

	static HttpEndpoint parse(String url) {
		URI uri = URI.create(url);
		boolean tls = "https".equals(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : DEFAULT_PORT;
		String host = uri.getHost();
		String bareHost = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		byte[] hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
		return new HttpEndpoint(url, bareHost, port, tls, hostHeader);
	}

	@Override
	public String toString() {
		return this.url;
	}

}
